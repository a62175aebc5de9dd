using System.Collections.Concurrent;

namespace SageBuild.Engine.Api;

/// <summary>The engine's state machines as a catalog: find, list and delete (create and replace are in WorkflowEngine.cs).</summary>
public sealed partial class WorkflowEngine
{
    // What the API keeps of each machine beyond the engine's record (see IStateMachineStore.SaveAttributes), by ARN.
    private readonly ConcurrentDictionary<string, string> _attributes = new(StringComparer.Ordinal);

    /// <summary>The attributes last saved for a machine (by this engine or, on durable stores, a previous one); null when none were.</summary>
    public string? StateMachineAttributes(string stateMachineArn)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        return _attributes.TryGetValue(stateMachineArn, out var attributes) ? attributes : null;
    }

    /// <summary>
    /// Stores what the Step Functions API shows of a machine beyond the engine's record (opaque text to the engine), so that
    /// it survives a restart on durable stores. Throws StateMachineDoesNotExist for a machine the engine does not have.
    /// </summary>
    public void SaveStateMachineAttributes(string stateMachineArn, string attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Machine(stateMachineArn);
        _machineStore.SaveAttributes(stateMachineArn, attributes);
        _attributes[stateMachineArn] = attributes;
    }

    /// <summary>The region in this engine's ARNs.</summary>
    public string Region => _options.Region;

    /// <summary>The account id in this engine's ARNs.</summary>
    public string AccountId => _options.AccountId;

    /// <summary>The state machine with this ARN, or null when there is none (unlike <see cref="DescribeStateMachine"/>, which throws).</summary>
    public StateMachineInfo? FindStateMachine(string stateMachineArn)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        return _machines.TryGetValue(stateMachineArn, out var machine) ? machine.Info : null;
    }

    /// <summary>Every state machine, in name order.</summary>
    public IReadOnlyList<StateMachineInfo> ListStateMachines() =>
        [.. _machines.Values.Select(m => m.Info).OrderBy(i => i.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Deletes a state machine: no new execution can start, while running ones carry on to their end on the definition
    /// they started with (as in AWS). Returns false when there was no such machine.
    /// </summary>
    public bool DeleteStateMachine(string stateMachineArn)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        var existed = _machines.TryRemove(stateMachineArn, out _);
        _attributes.TryRemove(stateMachineArn, out _);
        return _machineStore.Delete(stateMachineArn) || existed;
    }
}
