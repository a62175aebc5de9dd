namespace SageBuild.Engine.Execution;

/// <summary>How a Wait state (JSONPath or JSONata) waits its delay, live or resumed.</summary>
internal static class WaitStateDelay
{
    /// <summary>
    /// Replaying a wait recorded as over, it is not waited again (the delay only moves the virtual clock on). Resumed
    /// right after its entered event, it waits only for the time left: it fires at entered + delay. Live, the entered
    /// event is made durable before the wait begins, so a resumed run knows when the wait started.
    /// </summary>
    public static async ValueTask WaitAsync(RunFrame frame, TimeSpan delay)
    {
        if (frame.IsReplaying)
        {
            frame.AddReplayedDelay(delay);
            return;
        }

        var wait = frame.LastEventWasReplayed ? frame.EnteredTime + delay - frame.Now : delay;
        await frame.CommitAsync().ConfigureAwait(false);
        await frame.Run.DelayAsync(frame, wait).ConfigureAwait(false);
    }
}
