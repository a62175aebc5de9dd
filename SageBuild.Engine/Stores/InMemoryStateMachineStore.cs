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
        // Saving a machine again (an update) keeps the attributes the API gave it.
        _machines.AddOrUpdate(machine.StateMachineArn, machine, (_, old) => machine with { Attributes = machine.Attributes ?? old.Attributes });
    }

    /// <inheritdoc />
    public void SaveAttributes(string stateMachineArn, string attributes)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        ArgumentNullException.ThrowIfNull(attributes);
        while (_machines.TryGetValue(stateMachineArn, out var machine) && !_machines.TryUpdate(stateMachineArn, machine with { Attributes = attributes }, machine))
        {
            // Another writer changed it between the read and the update: read again.
        }
    }

    /// <inheritdoc />
    public bool Delete(string stateMachineArn) => _machines.TryRemove(stateMachineArn, out _);

    /// <inheritdoc />
    public IReadOnlyList<StateMachineRecord> LoadAll() => [.. _machines.Values];
}
