namespace SageBuild.Local.Training;

/// <summary>A training job that is running here, or one that ended (possibly before a restart).</summary>
#pragma warning disable CA1001 // A CancellationTokenSource without a timer holds nothing to release; Stop may come after the job ends.
internal sealed class RunningTrainingJob(TrainingJobRecord record)
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource _stop = new();

    public TrainingJobRecord Record { get; } = record;

    public Task Completion { get; set; } = Task.CompletedTask;

    public CancellationToken StopToken => _stop.Token;

    /// <summary>Asks the job to stop (StopTrainingJob): SIGTERM, then SIGKILL after the grace period.</summary>
    public void Stop()
    {
        if (!Completion.IsCompleted)
            _stop.Cancel();
    }

    /// <summary>Waits for the job to end; cancelling the wait stops the job, as Step Functions does for a .sync task.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Checked after the wait rather than in a token callback: the wait's own callback runs first and ends it.
        if (cancellationToken.IsCancellationRequested)
            Stop();
        await Completion; // after a stop, wait until the job has really ended
    }
}
