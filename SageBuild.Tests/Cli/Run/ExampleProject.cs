using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Cli.Run;

/// <summary>
/// A copy of one of the repository's example projects in a temporary folder (so a test can edit its sagebuild.yaml
/// and keep its own .sagebuild), and the built <c>sagebuild</c> run on it as a child process.
/// </summary>
internal sealed class ExampleProject : IDisposable
{
    private static readonly string[] Skipped = [".sagebuild", "bin", "obj", "__pycache__", "dist"];
    private readonly TemporaryDirectory _folder = new();

    public ExampleProject(string example)
    {
        Copy(Path.Combine(RepositoryPaths.Root, "examples", example), _folder.Path);
    }

    public string Directory => _folder.Path;

    public static string Sagebuild
    {
        get
        {
            var executable = Path.Combine(AppContext.BaseDirectory, "sagebuild");
            Assert.That(File.Exists(executable), Is.True, $"the built sagebuild is missing at {executable}: build SageBuild.Cli first");
            return executable;
        }
    }

    /// <summary>Rewrites the project file, as a developer editing it between two runs.</summary>
    public void Edit(Func<string, string> change)
    {
        var path = Path.Combine(Directory, "sagebuild.yaml");
        var before = File.ReadAllText(path);
        var after = change(before);
        Assert.That(after, Is.Not.EqualTo(before), "the edit changed nothing: the example's sagebuild.yaml no longer has the text the test replaces");
        File.WriteAllText(path, after);
    }

    /// <summary>Runs <c>sagebuild {command} {project} {arguments}</c> to its end.</summary>
    public Task<ExternalProcess.Result> RunAsync(string command, params string[] arguments) =>
        ExternalProcess.RunAsync(Sagebuild, [command, Directory, .. arguments], timeout: TimeSpan.FromMinutes(4));

    /// <summary>The one JSON line that <c>--json</c> prints.</summary>
    public static JsonObject Line(ExternalProcess.Result result)
    {
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), $"--json prints exactly one line; {result}");
        return (JsonObject)JsonValue.Parse(lines[0]);
    }

    public void Dispose() => _folder.Dispose();

    private static void Copy(string source, string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        foreach (var folder in System.IO.Directory.EnumerateDirectories(source).Where(d => !Skipped.Contains(Path.GetFileName(d))))
            Copy(folder, Path.Combine(destination, Path.GetFileName(folder)));
    }
}
