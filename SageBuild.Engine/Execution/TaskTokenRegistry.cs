using System.Collections.Concurrent;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Execution;

/// <summary>The task tokens of tasks that wait for SendTaskSuccess or SendTaskFailure, across all executions.</summary>
/// <remarks>
/// A token whose wait has ended (the task timed out, was answered, or its execution stopped) is retired: AWS answers a
/// late callback for it with TaskTimedOut, and only a token it never handed out with TaskDoesNotExist. Retired tokens
/// are kept by the engine's <see cref="ITokenStore"/> (bounded; across a restart when it is durable). Live waiters are
/// looked up first, so a resumed run that waits for a retired-looking token again takes its callbacks.
/// </remarks>
internal sealed class TaskTokenRegistry(ITokenStore retired)
{
    private readonly ConcurrentDictionary<string, TaskTokenWaiter> _waiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _answered = new(StringComparer.Ordinal);

    /// <summary>Where retired tokens (and, for the API, redrive clientTokens) are remembered.</summary>
    public ITokenStore Store => retired;

    /// <summary>A waiter for <paramref name="token"/>; its heartbeats are timed on <paramref name="frameClock"/>, the waiting frame's clock.</summary>
    public TaskTokenWaiter Register(string token, TimeProvider frameClock)
    {
        var waiter = new TaskTokenWaiter(frameClock);
        _waiters[token] = waiter;
        return waiter;
    }

    /// <summary>
    /// The task no longer waits for <paramref name="token"/>. Unless <paramref name="retire"/> is false (the engine is
    /// shutting down, and the next one waits for the token again), it is remembered as retired before its waiter goes,
    /// so a callback never finds it neither live nor retired.
    /// </summary>
    public void Remove(string token, bool retire = true)
    {
        if (!_waiters.TryGetValue(token, out var waiter))
            return;
        try
        {
            lock (waiter.Gate)
            {
                // A callback that comes now finds the waiter done: TaskTimedOut, not an answer nobody takes.
                waiter.Completion.TrySetCanceled();
                // Retiring forgets the token's recorded heartbeat too (under the gate: no heartbeat is recorded after it).
                if (retire)
                    retired.RetireTaskToken(token);
            }
        }
        finally
        {
            _waiters.TryRemove(new KeyValuePair<string, TaskTokenWaiter>(token, waiter));
        }
    }

    /// <summary>
    /// Hands the answer to the waiting task. Accepted, <paramref name="recorded"/> completes once the task has made its
    /// result durable (<see cref="TakeAnswered"/>): the caller is told only then, so a crash cannot lose an answer it
    /// was told was taken.
    /// </summary>
    public TaskTokenAnswer TryComplete(string token, IntegrationOutcome outcome, out Task? recorded)
    {
        recorded = null;
        if (!_waiters.TryGetValue(token, out var waiter))
            return Missing(token);
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Before the answer is handed over (the task may record it at once); a second answer finds the first's here.
        if (!_answered.TryAdd(token, stored))
            return TaskTokenAnswer.Retired;
        if (!waiter.Completion.TrySetResult(outcome))
        {
            _answered.TryRemove(new KeyValuePair<string, TaskCompletionSource>(token, stored));
            return TaskTokenAnswer.Retired;
        }

        recorded = stored.Task;
        return TaskTokenAnswer.Accepted;
    }

    /// <summary>
    /// The signal to give once the task has recorded (or, stopped, will never record) the answer its token was given;
    /// null when no answer came through the token.
    /// </summary>
    public TaskCompletionSource? TakeAnswered(string token) => _answered.TryRemove(token, out var recorded) ? recorded : null;

    /// <summary>
    /// A heartbeat for the task waiting for <paramref name="token"/>: recorded in the store (at the waiting frame's time)
    /// before it is accepted, so that a resumed wait counts HeartbeatSeconds from it rather than from the resume.
    /// </summary>
    public TaskTokenAnswer TryHeartbeat(string token)
    {
        if (!_waiters.TryGetValue(token, out var waiter))
            return Missing(token);
        lock (waiter.Gate)
        {
            if (waiter.Completion.Task.IsCompleted)
                return TaskTokenAnswer.Retired;
            var at = waiter.Clock.GetUtcNow();
            retired.RecordHeartbeat(token, at);
            waiter.Beat(at);
        }

        return TaskTokenAnswer.Accepted;
    }

    private TaskTokenAnswer Missing(string token) =>
        retired.IsTaskTokenRetired(token) ? TaskTokenAnswer.Retired : TaskTokenAnswer.Unknown;
}
