using System.Buffers.Binary;
using System.Text;
using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Packs one step's events (what one <see cref="IExecutionStore.AppendAsync"/> hands over, or a run of them) into one
/// blob, the value of one <c>history_steps</c> row, and unpacks it. A row per step rather than per event is what makes
/// durable mode affordable: SQLite's cost is per row, and a step has several events.
/// </summary>
/// <remarks>
/// <para>Format 2 (written): a version byte (2), then segments. A segment is a varint count of events, then per event,
/// packed (<see cref="PackedWriter"/>): the type's code (<see cref="EventTypes"/>), the id (delta from the segment's
/// previous event), the id minus the previous event id, the timestamp's ticks (delta from the segment's previous event),
/// the frame (start id, index), the details (<see cref="HistoryDetailsBinary"/>). Deltas restart with each segment, so
/// that joining blobs (<see cref="Join"/>) is copying their segments. Events take 15-40 bytes where format 1 took 80-150.</para>
/// <para>Format 1 (read only, from databases of earlier versions): a version byte (1), then per event, little-endian: id,
/// previous id, timestamp ticks, frame start (int64 each), frame index (int32), the type's name (uint16 length + ASCII),
/// the details (int32 length + the compact JSON of <see cref="HistoryDetailsCodec"/>, or -1 for none).</para>
/// <para>Not thread-safe: the store's logging owns one instance.</para>
/// </remarks>
internal sealed class HistoryStepCodec : IDisposable
{
    private const byte Version1 = 1;
    private const byte Version = 2;
    private const int FixedSize = (8 * 4) + 4;
    private readonly PackedWriter _writer = new();

    /// <summary>The events of one or more consecutive steps as one blob (a new array).</summary>
    public byte[] Encode(IReadOnlyList<HistoryEvent[]> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _writer.Reset();
        _writer.Byte(Version);
        var count = 0;
        for (var i = 0; i < steps.Count; i++)
            count += steps[i].Length;
        _writer.Varint((ulong)count);
        long id = 0, ticks = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            foreach (var e in steps[i])
            {
                var timestamp = e.Timestamp.UtcTicks;
                _writer.ByteAndSigned(EventTypes.Code(e.Type), e.Id - id, e.Id - e.PreviousEventId, timestamp - ticks, e.Frame.StartEventId, e.Frame.Index);
                HistoryDetailsBinary.Write(_writer, e.Details);
                id = e.Id;
                ticks = timestamp;
            }
        }

        return _writer.Written.ToArray();
    }

    /// <summary>
    /// The blobs of consecutive steps as one blob, as if their events had been encoded together: a blob's segments
    /// follow its version byte, so joining is copying.
    /// </summary>
    public static byte[] Join(IReadOnlyList<byte[]> blobs)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        if (blobs.Count == 1)
            return blobs[0];
        var joined = new byte[1 + blobs.Sum(b => b.Length - 1)];
        joined[0] = Version;
        var at = 1;
        foreach (var blob in blobs)
        {
            if (blob[0] != Version)
                throw new ArgumentException($"only blobs of format {Version} join", nameof(blobs));
            blob.AsSpan(1).CopyTo(joined.AsSpan(at));
            at += blob.Length - 1;
        }

        return joined;
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Adds the events of a blob (either format) to <paramref name="events"/>.</summary>
    /// <exception cref="FormatException">The blob is not one this codec wrote.</exception>
    public static void Decode(ReadOnlySpan<byte> blob, List<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!blob.IsEmpty && blob[0] == Version)
        {
            DecodeSegments(blob[1..], events);
            return;
        }

        if (blob.IsEmpty || blob[0] != Version1)
            throw new FormatException($"a stored history step of an unknown format (version {(blob.IsEmpty ? "none" : blob[0])})");
        DecodeVersion1(blob[1..], events);
    }

    private static void DecodeSegments(ReadOnlySpan<byte> segments, List<HistoryEvent> events)
    {
        var r = new PackedReader(segments);
        while (!r.AtEnd)
        {
            var count = r.Varint();
            long id = 0, ticks = 0;
            for (var i = 0UL; i < count; i++)
            {
                var type = EventTypes.FromCode(r.Byte());
                id += r.Signed();
                var previous = id - r.Signed();
                ticks += r.Signed();
                var frameStart = r.Signed();
                var frameIndex = (int)r.Signed();
                var details = HistoryDetailsBinary.Read(ref r);
                events.Add(new HistoryEvent(id, previous, new DateTimeOffset(ticks, TimeSpan.Zero), type, details) { Frame = new FrameKey(frameStart, frameIndex) });
            }
        }
    }

    private static void DecodeVersion1(ReadOnlySpan<byte> rest, List<HistoryEvent> events)
    {
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
