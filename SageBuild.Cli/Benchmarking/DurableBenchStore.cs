using SageBuild.Engine.Stores.Sqlite;

namespace SageBuild.Cli.Benchmarking;

/// <summary>
/// Durable mode's store for one workload: a SQLite file in the benchmark's temporary folder, opened before the
/// warm-up and kept for every round, as a server keeps one store for its life. The rounds then pay what a long-lived
/// store pays: WAL checkpoints, and indexes grown by the warm-up's executions (hundreds of thousands for (a)). A fresh
/// store per round paid neither, and hid that a long-lived store's WAL grew without end and that random ARN keys made
/// (a) spend most of its time writing index pages. Deleted when disposed.
/// </summary>
internal sealed class DurableBenchStore : IAsyncDisposable
{
    private DurableBenchStore(string path) => Store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path });

    /// <summary>The store.</summary>
    public SqliteExecutionStore Store { get; }

    /// <summary>Opens a new store for <paramref name="workload"/> in <paramref name="folder"/>.</summary>
    public static DurableBenchStore Open(string folder, BenchWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return new(Path.Combine(folder, $"bench-{workload.Key}-{Environment.ProcessId}.db"));
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().ConfigureAwait(false);
        var path = Store.DatabasePath;
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-redo" })
            File.Delete(file);
    }
}
