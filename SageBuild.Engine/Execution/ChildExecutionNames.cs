using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Execution;

/// <summary>
/// The names every child execution of one distributed Map Run shares, built once per Map Run rather than per child:
/// the Map Run's state machine (<c>machine/label</c>), the prefix of its executions' ARNs, and the key each child's
/// name is derived from.
/// </summary>
/// <remarks>
/// A child's name is a function of (the execution that runs the Map, the id of its MapRunStarted event, the item's
/// index), not a draw from the execution's random source: a resumed run must find the child an item had before the
/// engine stopped (to reuse it once it has ended), whatever order the items run in. Event ids are unique within an
/// execution, a retried Map or a redriven one records a new MapRunStarted, so each Map Run gets names of its own.
/// </remarks>
internal sealed class ChildExecutionNames
{
    private readonly ulong _key;

    public ChildExecutionNames(RunSettings settings, string label, string parentExecutionArn, long mapRunStartedEventId)
        : this(settings.Region, settings.AccountId, settings.StateMachineName, label, parentExecutionArn, mapRunStartedEventId)
    {
    }

    /// <summary>The names of a Map Run known by its parts (listing a Map Run's children, say).</summary>
    public ChildExecutionNames(string region, string accountId, string stateMachineName, string label, string parentExecutionArn, long mapRunStartedEventId)
    {
        StateMachineName = $"{stateMachineName}/{label}";
        StateMachineArn = $"arn:aws:states:{region}:{accountId}:stateMachine:{StateMachineName}";
        ExecutionArnPrefix = $"arn:aws:states:{region}:{accountId}:execution:{StateMachineName}:";
        _key = StableHash.Mix(StableHash.Of(parentExecutionArn) ^ StableHash.Mix((ulong)mapRunStartedEventId));
    }

    public string StateMachineName { get; }

    public string StateMachineArn { get; }

    public string ExecutionArnPrefix { get; }

    /// <summary>
    /// The UUID-shaped name of the child that runs item (or batch) <paramref name="index"/>: it also says which Map Run and
    /// item it is (<see cref="ChildExecutionAddress"/>), for a store that packs ended children.
    /// </summary>
    public string NameOf(int index) => ChildExecutionAddress.Name(_key, index);

    /// <summary>
    /// The index of the item whose child is named <paramref name="name"/> in this Map Run, or -1 for a name of another
    /// Map Run or no child's: the name says its index (<see cref="ChildExecutionAddress"/>), and is that index's name.
    /// </summary>
    public int IndexOf(ReadOnlySpan<char> name) =>
        ChildExecutionAddress.TryParse(name, out _, out var index) && name.SequenceEqual(NameOf(index)) ? index : -1;

    /// <summary>The seed of the child's own random source (its task tokens, jitter, States.UUID), recorded with it.</summary>
    public int SeedOf(int index) => unchecked((int)StableHash.Mix(StableHash.Mix(_key + (ulong)index) ^ 0x5EEDUL));
}
