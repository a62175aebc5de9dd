using System.Collections.Concurrent;
using SageBuild.Engine.Integrations;

namespace SageBuild.Engine.Execution;

/// <summary>The task tokens of tasks that wait for SendTaskSuccess or SendTaskFailure, across all executions.</summary>
/// <remarks>
/// A token whose wait has ended (the task timed out, was answered, or its execution stopped) is remembered as retired:
/// AWS answers a late callback for it with TaskTimedOut, and only a token it never handed out with TaskDoesNotExist.
/// The most recent <see cref="MaxRetired"/> retired tokens are kept, so memory stays bounded on a long-lived server.
/// </remarks>
internal sealed class TaskTokenRegistry
{
    /// <summary>How many retired tokens are remembered.</summary>
    internal const int MaxRetired = 100_000;

    private readonly ConcurrentDictionary<string, TaskTokenWaiter> _waiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _retired = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _retiredOrder = new();

    public TaskTokenWaiter Register(string token)
    {
        var waiter = new TaskTokenWaiter();
        // A resumed run waits for the same token again: it is live once more.
        _retired.TryRemove(token, out _);
        _waiters[token] = waiter;
        return waiter;
    }

    public void Remove(string token)
    {
        if (!_waiters.TryRemove(token, out _))
            return;
        if (_retired.TryAdd(token, 0))
            _retiredOrder.Enqueue(token);
        while (_retiredOrder.Count > MaxRetired && _retiredOrder.TryDequeue(out var oldest))
            _retired.TryRemove(oldest, out _);
    }

    public TaskTokenAnswer TryComplete(string token, IntegrationOutcome outcome)
    {
        if (_waiters.TryGetValue(token, out var waiter))
            return waiter.Completion.TrySetResult(outcome) ? TaskTokenAnswer.Accepted : TaskTokenAnswer.Retired;
        return Missing(token);
    }

    public TaskTokenAnswer TryHeartbeat(string token)
    {
        if (!_waiters.TryGetValue(token, out var waiter))
            return Missing(token);
        if (waiter.Completion.Task.IsCompleted)
            return TaskTokenAnswer.Retired;
        waiter.Beat();
        return TaskTokenAnswer.Accepted;
    }

    private TaskTokenAnswer Missing(string token) =>
        _retired.ContainsKey(token) ? TaskTokenAnswer.Retired : TaskTokenAnswer.Unknown;
}
