using System.Xml.Linq;

namespace SageBuild.Tests.Architecture;

/// <summary>
/// Dependencies point one way (CONTRIBUTING.md): the language at the bottom, the engine and the pipeline on it,
/// the local backends and the Pulumi program above them, the CLI on top. Functions ships to Lambda, so it never
/// carries the engine or the local backends.
/// </summary>
public sealed class ProjectDependencyTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["SageBuild.StateMachines"] = [],
        ["SageBuild.Engine"] = ["SageBuild.StateMachines"],
        ["SageBuild.Functions"] = ["SageBuild.StateMachines"],
        ["SageBuild.Local"] = ["SageBuild.Engine", "SageBuild.Functions", "SageBuild.StateMachines"],
        ["SageBuild.Infra"] = ["SageBuild.Functions", "SageBuild.StateMachines"],
        ["SageBuild.Cli"] = ["SageBuild.StateMachines", "SageBuild.Engine", "SageBuild.Functions", "SageBuild.Local", "SageBuild.Infra"],
    };

    private static string[] ProductProjects() => [.. Allowed.Keys];

    // Tests, benchmarks and test hosts may reference anything; no product project is allowed to reference them.
    [TestCaseSource(nameof(ProductProjects))]
    public void References_only_the_projects_below_it(string project)
    {
        var path = Path.Combine(RepositoryRoot(), project, project + ".csproj");
        Assert.That(File.Exists(path), Is.True, $"no project file at {path}");

        var references = XDocument.Load(path).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))
            .ToList();

        Assert.That(references.Except(Allowed[project]), Is.Empty, $"{project} may reference only {string.Join(", ", Allowed[project].DefaultIfEmpty("nothing"))}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SageBuild.slnx")))
                return directory.FullName;
        }

        throw new InvalidOperationException("the repository root (with SageBuild.slnx) is not above the test directory");
    }
}
