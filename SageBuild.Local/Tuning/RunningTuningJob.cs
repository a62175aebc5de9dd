using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Tuning;

/// <summary>A tuning job that is running here, or one that ended before (read back as its saved description).</summary>
#pragma warning disable CA1001 // A CancellationTokenSource without a timer holds nothing to release; Stop may come after the job ends.
internal sealed class RunningTuningJob
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource _stop = new();
    private readonly JsonObject? _finished;

    public RunningTuningJob(TuningJobRecord record) => Record = record;

    private RunningTuningJob(JsonObject finished) => _finished = finished;

    public TuningJobRecord? Record { get; }

    public Task Completion { get; set; } = Task.CompletedTask;

    public CancellationToken StopToken => _stop.Token;

    public string Status => Record?.Status ?? ((JsonString)_finished!["HyperParameterTuningJobStatus"]).Value;

    public static RunningTuningJob Finished(JsonObject description) => new(description);

    /// <summary>The DescribeHyperParameterTuningJob response, with epoch-millisecond times (the .sync result).</summary>
    public JsonObject Describe() => Record?.Describe(Shapes.TimestampFormat.EpochMilliseconds) ?? _finished!;

    public void Stop()
    {
        if (Record is not null && !Completion.IsCompleted)
            _stop.Cancel();
    }

    /// <summary>Waits for the job; cancelling the wait stops it and its training jobs.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Checked after the wait rather than in a token callback: the wait's own callback runs first and ends it.
        if (cancellationToken.IsCancellationRequested)
            Stop();
        await Completion;
    }
}
