using System.Collections.Concurrent;
using SageBuild.Engine.Integrations;

namespace SageBuild.Engine.Execution;

/// <summary>The task tokens of tasks that wait for SendTaskSuccess or SendTaskFailure, across all executions.</summary>
internal sealed class TaskTokenRegistry
{
    private readonly ConcurrentDictionary<string, TaskTokenWaiter> _waiters = new(StringComparer.Ordinal);

    public TaskTokenWaiter Register(string token)
    {
        var waiter = new TaskTokenWaiter();
        _waiters[token] = waiter;
        return waiter;
    }

    public void Remove(string token) => _waiters.TryRemove(token, out _);

    public bool TryComplete(string token, IntegrationOutcome outcome) =>
        _waiters.TryGetValue(token, out var waiter) && waiter.Completion.TrySetResult(outcome);

    public bool TryHeartbeat(string token)
    {
        if (!_waiters.TryGetValue(token, out var waiter))
            return false;
        waiter.Beat();
        return true;
    }
}

/// <summary>One waiting task: completed by the token's owner; heartbeats keep it alive.</summary>
internal sealed class TaskTokenWaiter
{
    private int _heartbeats;

    public TaskCompletionSource<IntegrationOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    public void Beat() => Interlocked.Increment(ref _heartbeats);
}
