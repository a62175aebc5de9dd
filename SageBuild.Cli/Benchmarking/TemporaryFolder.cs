namespace SageBuild.Cli.Benchmarking;

/// <summary>A fresh folder under the system's temporary folder for durable mode's database files, deleted on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("sagebuild-bench-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // The system cleans its temporary folder; a leftover file must not fail the benchmark.
        }
    }
}
