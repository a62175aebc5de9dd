using SageBuild.Engine.History;
using SageBuild.Engine.Stores;

namespace SageBuild.Cli.Benchmarking;

/// <summary>
/// Passes everything to another store and counts the states entered on the way (children of a distributed Map
/// included): the benchmark's transitions are counted from what the engine recorded, not assumed.
/// </summary>
internal sealed class TransitionCountingStore(IExecutionStore inner) : IExecutionStore
{
    private long _transitions;

    public long Transitions => Interlocked.Read(ref _transitions);

    public ValueTask CreateExecutionAsync(ExecutionRecord record, CancellationToken cancellationToken) => inner.CreateExecutionAsync(record, cancellationToken);

    public ValueTask AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entered = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (IsStateEntered(events[i].Type))
                entered++;
        }

        if (entered > 0)
            Interlocked.Add(ref _transitions, entered);
        return inner.AppendAsync(executionArn, events, record, cancellationToken);
    }

    public ValueTask EnsureStoredAsync(CancellationToken cancellationToken) => inner.EnsureStoredAsync(cancellationToken);

    public ValueTask<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken cancellationToken) => inner.GetExecutionAsync(executionArn, cancellationToken);

    public ValueTask<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken) => inner.ReadHistoryAsync(executionArn, cancellationToken);

    public ValueTask<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, CancellationToken cancellationToken) => inner.ListExecutionsAsync(stateMachineArn, cancellationToken);

    private static bool IsStateEntered(HistoryEventType type) => type is HistoryEventType.ChoiceStateEntered or HistoryEventType.FailStateEntered
        or HistoryEventType.MapStateEntered or HistoryEventType.ParallelStateEntered or HistoryEventType.PassStateEntered
        or HistoryEventType.SucceedStateEntered or HistoryEventType.TaskStateEntered or HistoryEventType.WaitStateEntered;
}
