using System.Collections.Concurrent;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Dashboard;
using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores;

/// <summary>
/// A store that says when an execution changes: it passes every call on to the store it wraps and, once a new
/// execution or a step's events are stored, publishes an <see cref="ExecutionChange"/>. Give it to the dashboard as
/// <see cref="DashboardOptions.Changes"/> so open pages update as soon as the engine records something, with no polling.
/// </summary>
/// <remarks>
/// Observers are called on the engine's thread after the write has completed, so they must be quick and must not
/// throw; the dashboard's observer only queues the change. Publishing to no observer costs one volatile read.
/// </remarks>
public sealed class NotifyingExecutionStore(IExecutionStore inner) : IExecutionStore, IObservable<ExecutionChange>
{
    private readonly IExecutionStore _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly ConcurrentDictionary<string, string> _machineOf = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile IObserver<ExecutionChange>[] _observers = [];

    /// <summary>The store this one writes to.</summary>
    public IExecutionStore Inner => _inner;

    /// <inheritdoc />
    public async ValueTask CreateExecutionAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _inner.CreateExecutionAsync(record, cancellationToken).ConfigureAwait(false);
        _machineOf[record.ExecutionArn] = record.StateMachineArn;
        Publish(record.ExecutionArn, record.StateMachineArn);
    }

    /// <inheritdoc />
    public async ValueTask AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? record, CancellationToken cancellationToken)
    {
        await _inner.AppendAsync(executionArn, events, record, cancellationToken).ConfigureAwait(false);
        if (_observers.Length != 0)
        {
            // A durable store may take events before it has written them: a page told of a change must find it there.
            await _inner.EnsureStoredAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_observers.Length == 0)
        {
            if (record is { Status: not ExecutionStatus.RUNNING })
                _machineOf.TryRemove(executionArn, out _);
            return;
        }

        var machine = record?.StateMachineArn ?? MachineOf(executionArn);
        if (record is { Status: not ExecutionStatus.RUNNING })
            _machineOf.TryRemove(executionArn, out _);
        if (machine is not null)
            Publish(executionArn, machine);
    }

    /// <inheritdoc />
    public ValueTask EnsureStoredAsync(CancellationToken cancellationToken) => _inner.EnsureStoredAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken cancellationToken) =>
        _inner.GetExecutionAsync(executionArn, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken) =>
        _inner.ReadHistoryAsync(executionArn, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, CancellationToken cancellationToken) =>
        _inner.ListExecutionsAsync(stateMachineArn, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningExecutionsAsync(CancellationToken cancellationToken) =>
        _inner.ListRunningExecutionsAsync(cancellationToken);

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<ExecutionChange> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
            _observers = [.. _observers, observer];
        return new Subscription(this, observer);
    }

    private void Unsubscribe(IObserver<ExecutionChange> observer)
    {
        lock (_gate)
            _observers = [.. _observers.Where(o => !ReferenceEquals(o, observer))];
    }

    private void Publish(string executionArn, string stateMachineArn)
    {
        var observers = _observers;
        if (observers.Length == 0)
            return;
        var change = new ExecutionChange(executionArn, stateMachineArn);
        foreach (var observer in observers)
            observer.OnNext(change);
    }

    /// <summary>The state machine of an execution this store did not see start (one resumed after a restart).</summary>
    private string? MachineOf(string executionArn)
    {
        if (_machineOf.TryGetValue(executionArn, out var machine))
            return machine;
        return StepFunctionsArn.TryParse(executionArn, out var arn) ? arn!.StateMachineArn.ToString() : null;
    }

    private sealed class Subscription(NotifyingExecutionStore store, IObserver<ExecutionChange> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                store.Unsubscribe(observer);
        }
    }
}
