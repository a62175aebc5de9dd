using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores;

/// <summary>
/// Where executions and their histories live. The history is the truth; the <see cref="ExecutionRecord"/> is a cache of it.
/// </summary>
/// <remarks>
/// <para>The engine calls <see cref="AppendAsync"/> once per completed step (a state's events, or the execution's
/// terminal event) with the events of that step and, when the step changes it, the execution's new record. A durable
/// store stores both atomically, and makes a repeated append fail loudly instead of duplicating (the SQLite store
/// checks that each append follows the execution's last event id, and keys its rows by (execution, first event id)).</para>
/// <para>Resume (issue 5) reads <see cref="ReadHistoryAsync"/> for every execution whose record is RUNNING and folds
/// the events: the last state entered without an exit is where to carry on; a task scheduled without a result runs
/// again (at-least-once); a Wait's fire time is its entered timestamp plus its duration. Implementations must be safe
/// for concurrent use by many executions.</para>
/// </remarks>
public interface IExecutionStore
{
    /// <summary>
    /// Records a new execution; throws <see cref="InvalidOperationException"/> when its ARN is taken. A durable store
    /// may complete before the record is durable: <see cref="EnsureStoredAsync"/> is the barrier.
    /// </summary>
    ValueTask CreateExecutionAsync(ExecutionRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Appends one step's events and, when not null, replaces the execution's record: atomically, and after every
    /// earlier append of the execution. The list belongs to the engine, which reuses it for the next step once the
    /// returned task has completed: copy the events, never keep it. A durable store may complete the task once it has
    /// taken the events, before they are durable: <see cref="EnsureStoredAsync"/> is the durability barrier.
    /// </summary>
    ValueTask AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? record, CancellationToken cancellationToken);

    /// <summary>
    /// Completes once every append handed to the store so far is stored (durable, for a durable store). The engine
    /// awaits it before anything the outside world can see: a Task's call, a Wait, the execution's end.
    /// </summary>
    ValueTask EnsureStoredAsync(CancellationToken cancellationToken);

    /// <summary>The execution's record, or null when there is none.</summary>
    ValueTask<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken cancellationToken);

    /// <summary>The execution's events in id order; empty when there is no such execution.</summary>
    ValueTask<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken);

    /// <summary>The executions of a state machine (all of them when null), newest first.</summary>
    ValueTask<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, CancellationToken cancellationToken);

    /// <summary>
    /// The RUNNING executions, which a starting engine resumes. The default filters <see cref="ListExecutionsAsync"/>;
    /// a store with many ended executions should answer it with a query of its own.
    /// </summary>
    async ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningExecutionsAsync(CancellationToken cancellationToken) =>
        [.. (await ListExecutionsAsync(null, cancellationToken).ConfigureAwait(false)).Where(r => r.Status == ExecutionStatus.RUNNING)];
}
