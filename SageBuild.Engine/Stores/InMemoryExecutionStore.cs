using System.Collections.Concurrent;
using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores;

/// <summary>Keeps executions in memory: for tests, <c>sagebuild execute</c> and anything that need not survive a restart.</summary>
public sealed class InMemoryExecutionStore : IExecutionStore
{
    private readonly ConcurrentDictionary<string, Entry> _executions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask CreateExecutionAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_executions.TryAdd(record.ExecutionArn, new Entry(record)))
            throw new InvalidOperationException($"an execution '{record.ExecutionArn}' already exists");
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entry = Find(executionArn) ?? throw new InvalidOperationException($"no execution '{executionArn}' to append to");
        lock (entry)
        {
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (e.Id != entry.Events.Count + 1)
                    throw new InvalidOperationException($"event {e.Id} of '{executionArn}' is out of order: the history has {entry.Events.Count} events");
                entry.Events.Add(e);
            }

            if (record is not null)
                entry.Record = record;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask EnsureStoredAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        var entry = Find(executionArn);
        if (entry is null)
            return ValueTask.FromResult<ExecutionRecord?>(null);
        lock (entry)
            return ValueTask.FromResult<ExecutionRecord?>(entry.Record);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken)
    {
        var entry = Find(executionArn);
        if (entry is null)
            return ValueTask.FromResult<IReadOnlyList<HistoryEvent>>([]);
        lock (entry)
            return ValueTask.FromResult<IReadOnlyList<HistoryEvent>>(entry.Events.ToArray());
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, CancellationToken cancellationToken)
    {
        var records = new List<ExecutionRecord>();
        foreach (var entry in _executions.Values)
        {
            ExecutionRecord record;
            lock (entry)
                record = entry.Record;
            if (stateMachineArn is null || string.Equals(record.StateMachineArn, stateMachineArn, StringComparison.Ordinal))
                records.Add(record);
        }

        records.Sort((a, b) => b.StartDate.CompareTo(a.StartDate));
        return ValueTask.FromResult<IReadOnlyList<ExecutionRecord>>(records);
    }

    private Entry? Find(string executionArn) => _executions.TryGetValue(executionArn, out var entry) ? entry : null;

    private sealed class Entry(ExecutionRecord record)
    {
        public ExecutionRecord Record { get; set; } = record;

        public List<HistoryEvent> Events { get; } = [];
    }
}
