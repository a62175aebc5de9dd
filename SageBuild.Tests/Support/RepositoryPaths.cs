namespace SageBuild.Tests.Support;

/// <summary>Finds folders of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder that holds SageBuild.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>An npm tool folder under <c>tools/</c>, with its node_modules installed.</summary>
    public static string NpmTool(string name)
    {
        var folder = Path.Combine(Root, "tools", name);
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            Assert.Fail($"The npm tool '{name}' is not installed: run `npm ci --prefix tools/{name}` in {Root}.");
        return folder;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SageBuild.slnx")))
                return folder.FullName;
        }
        throw new InvalidOperationException("SageBuild.slnx not found above the test folder");
    }
}
