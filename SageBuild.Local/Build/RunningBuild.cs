using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Build;

/// <summary>A build that is running, or that finished (possibly before a restart, read back from its <c>build.json</c>).</summary>
#pragma warning disable CA1001 // A CancellationTokenSource without a timer holds nothing to release; Stop may come after the build ends.
internal sealed class RunningBuild
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource _stop = new();
    private readonly JsonObject? _finished;

    public RunningBuild(BuildRecord record, string directory)
    {
        Record = record;
        Directory = directory;
    }

    private RunningBuild(JsonObject finished, string directory)
    {
        _finished = finished;
        Directory = directory;
    }

    /// <summary>The live record, or null for a build read back from disk.</summary>
    public BuildRecord? Record { get; }

    public string Directory { get; }

    public Task Completion { get; set; } = Task.CompletedTask;

    public CancellationToken StopToken => _stop.Token;

    /// <summary>SUCCEEDED, FAILED, FAULT, STOPPED, TIMED_OUT or IN_PROGRESS.</summary>
    public string BuildStatus => Record?.BuildStatus ?? ((JsonString)((JsonObject)_finished!["Build"])["BuildStatus"]).Value;

    public static RunningBuild Finished(JsonObject buildJson, string directory) => new(buildJson, directory);

    /// <summary>The <c>{"Build": {...}}</c> result.</summary>
    public JsonObject Describe() => Record?.ToJson() ?? _finished!;

    public void Stop()
    {
        if (Record is not null && !Completion.IsCompleted)
            _stop.Cancel();
    }
}
