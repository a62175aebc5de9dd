using System.Collections.Concurrent;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;

namespace SageBuild.Cli.Benchmarking;

/// <summary>
/// Keeps an execution only while it runs and forgets it (record and events) once it has ended. The memory check runs
/// on it, so that what it measures is the engine's own memory, not a store's deliberate retention.
/// </summary>
internal sealed class ForgetfulExecutionStore : IExecutionStore
{
    private readonly ConcurrentDictionary<string, ExecutionRecord> _running = new(StringComparer.Ordinal);

    public int Count => _running.Count;

    public ValueTask CreateExecutionAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_running.TryAdd(record.ExecutionArn, record))
            throw new InvalidOperationException($"an execution '{record.ExecutionArn}' already exists");
        return ValueTask.CompletedTask;
    }

    public ValueTask AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? record, CancellationToken cancellationToken)
    {
        if (record is not null)
        {
            if (record.Status == ExecutionStatus.RUNNING)
                _running[executionArn] = record;
            else
                _running.TryRemove(executionArn, out _);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask EnsureStoredAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_running.TryGetValue(executionArn, out var record) ? record : null);

    public ValueTask<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<HistoryEvent>>([]);

    public ValueTask<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ExecutionRecord>>([.. _running.Values]);
}
