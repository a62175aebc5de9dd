using SageBuild.Engine.Integrations;

namespace SageBuild.Engine.Execution;

/// <summary>One waiting task: completed by the token's owner; heartbeats keep it alive.</summary>
/// <param name="clock">The waiting frame's clock: a heartbeat's time is taken on it, as the task's recorded start was.</param>
internal sealed class TaskTokenWaiter(TimeProvider clock)
{
    private int _heartbeats;
    private long _lastHeartbeatTicks;

    public TaskCompletionSource<IntegrationOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Serialises a heartbeat with the end of the wait, so a heartbeat is never recorded for a token already retired.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The waiting frame's clock (on the virtual clock it runs ahead of the engine's).</summary>
    public TimeProvider Clock => clock;

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    /// <summary>The time of the last heartbeat taken by this waiter (on <see cref="Clock"/>), or null.</summary>
    public DateTimeOffset? LastHeartbeat => Volatile.Read(ref _lastHeartbeatTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Beat(DateTimeOffset at)
    {
        Volatile.Write(ref _lastHeartbeatTicks, at.UtcTicks);
        Interlocked.Increment(ref _heartbeats);
    }
}
