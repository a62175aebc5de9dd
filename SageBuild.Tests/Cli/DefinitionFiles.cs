namespace SageBuild.Tests.Cli;

/// <summary>A temporary folder of definition files for CLI tests; deleted on dispose.</summary>
internal sealed class DefinitionFiles : IDisposable
{
    public const string Valid = """{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}""";

    // Three problems: a missing target, an orphan cycle (two unreachable states) and no reachable terminal state.
    public const string Invalid = """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"},"X":{"Type":"Pass","Next":"Y"},"Y":{"Type":"Pass","Next":"X"}}}""";

    public DefinitionFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "sagebuild-cli-" + Path.GetRandomFileName());
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>Writes <paramref name="text"/> to a file named <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
