namespace SageBuild.Tests.Acceptance;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding SageBuild.slnx.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SageBuild.slnx")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"no SageBuild.slnx above {AppContext.BaseDirectory}");
    }
}
