namespace SageBuild.Local.Triggers;

/// <summary>What started a build.</summary>
public enum TriggerSource
{
    /// <summary>A new commit on the watched branch.</summary>
    GitCommit,

    /// <summary>New or changed files in the watched data folder.</summary>
    DataFolder,

    /// <summary>An occurrence of the schedule expression.</summary>
    Schedule,

    /// <summary>A person or a script asked for it.</summary>
    Manual,
}
