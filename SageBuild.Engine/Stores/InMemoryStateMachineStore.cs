using System.Collections.Concurrent;

namespace SageBuild.Engine.Stores;

/// <summary>Keeps state machines in memory: the default, for tests and <c>sagebuild execute</c>.</summary>
public sealed class InMemoryStateMachineStore : IStateMachineStore
{
    private readonly ConcurrentDictionary<string, StateMachineRecord> _machines = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Save(StateMachineRecord machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _machines[machine.StateMachineArn] = machine;
    }

    /// <inheritdoc />
    public bool Delete(string stateMachineArn) => _machines.TryRemove(stateMachineArn, out _);

    /// <inheritdoc />
    public IReadOnlyList<StateMachineRecord> LoadAll() => [.. _machines.Values];
}
