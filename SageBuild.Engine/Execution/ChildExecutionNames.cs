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

    /// <summary>The UUID-shaped name of the child that runs item (or batch) <paramref name="index"/>.</summary>
    public string NameOf(int index)
    {
        var item = StableHash.Mix(_key + (ulong)index);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, item);
        BitConverter.TryWriteBytes(bytes[8..], StableHash.Mix(item));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return Format(bytes);
    }

    /// <summary>The seed of the child's own random source (its task tokens, jitter, States.UUID), recorded with it.</summary>
    public int SeedOf(int index) => unchecked((int)StableHash.Mix(StableHash.Mix(_key + (ulong)index) ^ 0x5EEDUL));

    private static string Format(ReadOnlySpan<byte> bytes)
    {
        Span<char> text = stackalloc char[36];
        var at = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
                text[at++] = '-';
            text[at++] = "0123456789abcdef"[bytes[i] >> 4];
            text[at++] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(text);
    }
}
