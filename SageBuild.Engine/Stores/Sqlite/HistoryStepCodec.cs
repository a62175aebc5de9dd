using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Packs one step's events (what one <see cref="IExecutionStore.AppendAsync"/> hands over) into one blob, the value of
/// one <c>history_steps</c> row, and unpacks it. A row per step rather than per event is what makes durable mode
/// affordable: SQLite's cost is per row, and a step has several events.
/// </summary>
/// <remarks>
/// Format: a version byte (1), then per event, little-endian: id, previous id, timestamp ticks (UTC), frame start
/// (int64 each), frame index (int32), the type's name (uint16 length + UTF-8; by name, so that a reordered enum never
/// changes what a stored event means), the details (int32 length + compact JSON of <see cref="HistoryDetailsCodec"/>,
/// or -1 for none). Not thread-safe: the store's single writer owns one instance.
/// </remarks>
internal sealed class HistoryStepCodec : IDisposable
{
    private const byte Version = 1;
    private const int FixedSize = (8 * 4) + 4;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly ArrayBufferWriter<byte> _details = new(4096);
    private readonly Utf8JsonWriter _json;

    public HistoryStepCodec() => _json = new Utf8JsonWriter(_details);

    /// <summary>The events of one or more consecutive steps as one blob (a new array: SQLite keeps a reference until the command runs).</summary>
    public byte[] Encode(List<HistoryEvent[]> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _buffer.ResetWrittenCount();
        _buffer.GetSpan(1)[0] = Version;
        _buffer.Advance(1);
        foreach (var step in steps)
        {
            foreach (var e in step)
                Add(e);
        }

        return _buffer.WrittenSpan.ToArray();
    }

    private void Add(HistoryEvent e)
    {
        var name = EventTypes.Name(e.Type);
        var nameLength = name.Length; // event type names are ASCII
        var span = _buffer.GetSpan(FixedSize + 2 + nameLength + 4);
        BinaryPrimitives.WriteInt64LittleEndian(span, e.Id);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], e.PreviousEventId);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], e.Timestamp.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], e.Frame.StartEventId);
        BinaryPrimitives.WriteInt32LittleEndian(span[32..], e.Frame.Index);
        BinaryPrimitives.WriteUInt16LittleEndian(span[36..], (ushort)nameLength);
        Encoding.ASCII.GetBytes(name, span.Slice(38, nameLength));
        var lengthAt = span[(38 + nameLength)..];
        if (e.Details is not { } details)
        {
            BinaryPrimitives.WriteInt32LittleEndian(lengthAt, -1);
            _buffer.Advance(FixedSize + 2 + nameLength + 4);
            return;
        }

        _details.ResetWrittenCount();
        _json.Reset(_details);
        HistoryDetailsCodec.Write(_json, details);
        _json.Flush();
        BinaryPrimitives.WriteInt32LittleEndian(lengthAt, _details.WrittenCount);
        _buffer.Advance(FixedSize + 2 + nameLength + 4);
        _buffer.Write(_details.WrittenSpan);
    }

    public void Dispose() => _json.Dispose();

    /// <summary>Adds the events of a blob written by <see cref="Encode"/> to <paramref name="events"/>.</summary>
    /// <exception cref="FormatException">The blob is not one this codec wrote.</exception>
    public static void Decode(ReadOnlySpan<byte> blob, List<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (blob.IsEmpty || blob[0] != Version)
            throw new FormatException($"a stored history step of an unknown format (version {(blob.IsEmpty ? "none" : blob[0])})");
        var rest = blob[1..];
        try
        {
            while (!rest.IsEmpty)
            {
                var id = BinaryPrimitives.ReadInt64LittleEndian(rest);
                var previous = BinaryPrimitives.ReadInt64LittleEndian(rest[8..]);
                var ticks = BinaryPrimitives.ReadInt64LittleEndian(rest[16..]);
                var frameStart = BinaryPrimitives.ReadInt64LittleEndian(rest[24..]);
                var frameIndex = BinaryPrimitives.ReadInt32LittleEndian(rest[32..]);
                int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(rest[36..]);
                var type = EventTypes.Parse(Encoding.ASCII.GetString(rest.Slice(38, nameLength)));
                var detailsLength = BinaryPrimitives.ReadInt32LittleEndian(rest[(38 + nameLength)..]);
                rest = rest[(FixedSize + 2 + nameLength + 4)..];
                HistoryEventDetails? details = null;
                if (detailsLength >= 0)
                {
                    details = HistoryDetailsCodec.Decode(rest[..detailsLength]);
                    rest = rest[detailsLength..];
                }

                events.Add(new HistoryEvent(id, previous, new DateTimeOffset(ticks, TimeSpan.Zero), type, details) { Frame = new FrameKey(frameStart, frameIndex) });
            }
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException("a stored history step is truncated", e);
        }
    }
}
