using SageBuild.Engine.Integrations;

namespace SageBuild.Engine.Execution;

/// <summary>One waiting task: completed by the token's owner; heartbeats keep it alive.</summary>
internal sealed class TaskTokenWaiter
{
    private int _heartbeats;

    public TaskCompletionSource<IntegrationOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    public void Beat() => Interlocked.Increment(ref _heartbeats);
}
