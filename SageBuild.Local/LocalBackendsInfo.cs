namespace SageBuild.Local;

/// <summary>Facts about the local backends shared by all of them.</summary>
public static class LocalBackendsInfo
{
    /// <summary>The folder, under a project, where local state lives unless told otherwise.</summary>
    public const string DefaultDataDirectoryName = ".sagebuild";
}
