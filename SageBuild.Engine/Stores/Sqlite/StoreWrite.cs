using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// One write handed to the SQLite store: an execution's creation, or one step's events with what the step made of the
/// execution's record. Before logging, the store lets a write absorb the writes of the same execution queued after it
/// (<see cref="TryAbsorb(StoreWrite)"/>): one frame entry and one row instead of one per step. The events are then packed
/// (<see cref="HistoryStepCodec"/>) once, and SQLite stores those very bytes.
/// </summary>
internal sealed class StoreWrite
{
    private List<HistoryEvent[]>? _parts;
    private byte[]? _inputJson;
    private ExecutionOutcome? _initialOutcome;

    private StoreWrite(long executionId, string executionArn, ExecutionRecord? created, ExecutionOutcome? outcome)
    {
        ExecutionId = executionId;
        ExecutionArn = executionArn;
        Created = created;
        Outcome = outcome;
    }

    /// <summary>The execution's key in the database (assigned by the store at its creation, in start order).</summary>
    public long ExecutionId { get; }

    /// <summary>The execution written to.</summary>
    public string ExecutionArn { get; }

    /// <summary>The new execution's record, for a creation (read back from the log, its definition is empty unless <see cref="StoresDefinition"/>).</summary>
    public ExecutionRecord? Created { get; }

    /// <summary>For a creation: its input as UTF-8 JSON, made once for the redo log and SQLite both.</summary>
    public byte[] InputJson => _inputJson ??= RecordJson.Utf8(Created!.Input);

    /// <summary>For a creation: its record's status, end, output and error as created.</summary>
    public ExecutionOutcome InitialOutcome => _initialOutcome ??= ExecutionOutcome.Of(Created!);

    /// <summary>For a creation: the key its ARN is found by (<see cref="ExecutionArnKey"/>).</summary>
    public long ArnKey { get; private init; }

    /// <summary>For a creation: the key of the execution's definition (<see cref="DefinitionHashes"/>).</summary>
    public string? DefinitionHash { get; private init; }

    /// <summary>For a creation: whether the write also stores the definition's text (the first execution to run it does).</summary>
    public bool StoresDefinition { get; set; }

    /// <summary>The packed events (null until <see cref="Pack"/>, and for a write with no events).</summary>
    public byte[]? PackedEvents { get; private set; }

    /// <summary>The id of the first event (0 with no events).</summary>
    public long FirstEventId { get; private set; }

    /// <summary>The id of the last event (0 with no events).</summary>
    public long LastEventId { get; private set; }

    /// <summary>What the write makes of the execution's record (status, end, output, error), when it changes it.</summary>
    public ExecutionOutcome? Outcome { get; private set; }

    /// <summary>Whether the write has events to store.</summary>
    public bool HasEvents => FirstEventId != 0;

    public static StoreWrite Create(long executionId, long arnKey, ExecutionRecord record) =>
        new(executionId, record.ExecutionArn, record, null) { ArnKey = arnKey, DefinitionHash = DefinitionHashes.Of(record.Definition) };

    public static StoreWrite Append(long executionId, string executionArn, HistoryEvent[] events, ExecutionRecord? record)
    {
        var write = new StoreWrite(executionId, executionArn, null, record is null ? null : ExecutionOutcome.Of(record));
        if (events.Length > 0)
        {
            write._parts = [events];
            write.FirstEventId = events[0].Id;
            write.LastEventId = events[^1].Id;
        }

        return write;
    }

    /// <summary>A write read back from the log, its events already packed.</summary>
    public static StoreWrite Logged(long executionId, string executionArn, ExecutionRecord? created, string? definitionHash, byte[]? packed, long first, long last, ExecutionOutcome? outcome) =>
        new(executionId, executionArn, created, outcome)
        {
            ArnKey = created is null ? 0 : ExecutionArnKey.Of(executionArn),
            DefinitionHash = definitionHash,
            StoresDefinition = created is { Definition.Length: > 0 },
            PackedEvents = packed,
            FirstEventId = first,
            LastEventId = last,
        };

    /// <summary>
    /// Takes <paramref name="later"/>, a write of the same execution queued after this one, into this one, when storing
    /// both as one is the same as storing them one after the other: it creates nothing, and its events follow this
    /// write's. Only before packing.
    /// </summary>
    public bool TryAbsorb(StoreWrite later)
    {
        if (later.Created is not null || later.ExecutionId != ExecutionId || PackedEvents is not null)
            return false;
        if (later.HasEvents && HasEvents && later.FirstEventId != LastEventId + 1)
            return false;
        foreach (var part in later._parts ?? [])
            AddPart(part);
        Outcome = later.Outcome ?? Outcome;
        return true;
    }

    /// <summary>
    /// Takes the next append of this write's execution (its events, and its record when it changes) into this write,
    /// as <see cref="TryAbsorb(StoreWrite)"/> would take a write made of it, without making one. Only before packing.
    /// </summary>
    public bool TryAbsorb(HistoryEvent[] events, ExecutionRecord? record)
    {
        if (PackedEvents is not null || (events.Length > 0 && HasEvents && events[0].Id != LastEventId + 1))
            return false;
        if (events.Length > 0)
            AddPart(events);
        if (record is not null)
            Outcome = ExecutionOutcome.Of(record);
        return true;
    }

    private void AddPart(HistoryEvent[] events)
    {
        _parts ??= [];
        _parts.Add(events);
        if (!HasEvents)
            FirstEventId = events[0].Id;
        LastEventId = events[^1].Id;
    }

    /// <summary>Packs the events with <paramref name="codec"/> (once; the events are let go).</summary>
    public void Pack(HistoryStepCodec codec)
    {
        if (_parts is null)
            return;
        PackedEvents = codec.Encode(_parts);
        _parts = null;
    }
}
