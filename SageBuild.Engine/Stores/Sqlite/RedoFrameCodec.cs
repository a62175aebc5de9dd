using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Writes a batch of <see cref="StoreWrite"/>s (events already packed) as one redo-log frame's payload, and reads it
/// back. Per write, little-endian: flags (creation, events, outcome), the execution's id and ARN; then the created record (its definition's key, and its text when the write stores it); the
/// first and last event ids and the packed events; the outcome. Strings are an int32 UTF-8 length (-1 for null) and the
/// bytes; JSON values are their text. Not thread-safe: the store's logging owns one instance.
/// </summary>
internal sealed class RedoFrameCodec
{
    private const byte HasCreation = 1;
    private const byte HasEvents = 2;
    private const byte HasOutcome = 4;
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);

    /// <summary>
    /// The frame of <paramref name="writes"/>: <see cref="RedoLog.HeaderSize"/> bytes left for the log's header, then
    /// the payload. Valid until the next call.
    /// </summary>
    public ArraySegment<byte> Encode(IReadOnlyList<StoreWrite> writes)
    {
        _buffer.ResetWrittenCount();
        _buffer.GetSpan(RedoLog.HeaderSize);
        _buffer.Advance(RedoLog.HeaderSize);
        foreach (var write in writes)
        {
            var flags = (byte)((write.Created is null ? 0 : HasCreation) | (write.HasEvents ? HasEvents : 0) | (write.Outcome is null ? 0 : HasOutcome));
            Byte(flags);
            Int64(write.ExecutionId);
            Text(write.ExecutionArn);
            if (write.Created is { } created)
            {
                Text(created.StateMachineArn);
                Text(created.Name);
                Text(write.DefinitionHash);
                Text(write.StoresDefinition ? created.Definition : null);
                Int64(created.StartDate.UtcTicks);
                Bytes(write.InputJson);
                Byte(created.UsesVirtualClock ? (byte)1 : (byte)0);
                Int64(created.RandomSeed);
                Outcome(write.InitialOutcome);
            }

            if (write.HasEvents)
            {
                Int64(write.FirstEventId);
                Int64(write.LastEventId);
                Bytes(write.PackedEvents!);
            }

            if (write.Outcome is { } outcome)
                Outcome(outcome);
        }

        return MemoryMarshal.TryGetArray(_buffer.WrittenMemory, out var segment) ? segment : throw new InvalidOperationException("the frame buffer is not an array");
    }

    /// <summary>The writes of a payload written by <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">The payload is not one this codec wrote.</exception>
    public static List<StoreWrite> Decode(byte[] payload)
    {
        var writes = new List<StoreWrite>();
        var reader = new Reader(payload);
        try
        {
            while (!reader.AtEnd)
            {
                var flags = reader.Byte();
                var id = reader.Int64();
                var arn = reader.Text()!;
                ExecutionRecord? created = null;
                string? definitionHash = null;
                if ((flags & HasCreation) != 0)
                {
                    var machine = reader.Text()!;
                    var name = reader.Text()!;
                    definitionHash = reader.Text();
                    var definition = reader.Text() ?? "";
                    var start = new DateTimeOffset(reader.Int64(), TimeSpan.Zero);
                    var input = reader.Json()!;
                    var virtualClock = reader.Byte() != 0;
                    var seed = (int)reader.Int64();
                    var initial = reader.Outcome();
                    created = initial.AppliedTo(new ExecutionRecord(arn, machine, name, definition, initial.Status, start, input) { UsesVirtualClock = virtualClock, RandomSeed = seed });
                }

                byte[]? packed = null;
                long first = 0, last = 0;
                if ((flags & HasEvents) != 0)
                {
                    first = reader.Int64();
                    last = reader.Int64();
                    packed = reader.Bytes();
                }

                var outcome = (flags & HasOutcome) != 0 ? reader.Outcome() : null;
                writes.Add(StoreWrite.Logged(id, arn, created, definitionHash, packed, first, last, outcome));
            }
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException("a redo-log frame is truncated", e);
        }

        return writes;
    }

    private void Outcome(ExecutionOutcome outcome)
    {
        Text(outcome.Status.ToString());
        Int64(outcome.StopDate?.UtcTicks ?? -1);
        Json(outcome.OutputJson);
        Text(outcome.Error);
        Text(outcome.Cause);
    }

    private void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    private void Text(string? value)
    {
        if (value is null)
        {
            Length(-1);
            return;
        }

        var span = _buffer.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        // ARNs and names are ASCII, their own UTF-8; the encoder is for the rest.
        var written = Ascii.FromUtf16(value, span[4..], out var copied) == OperationStatus.Done ? copied : Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, written);
        _buffer.Advance(4 + written);
    }

    private void Json(byte[]? utf8)
    {
        if (utf8 is null)
            Length(-1);
        else
            Bytes(utf8);
    }

    private void Bytes(byte[] value)
    {
        Length(value.Length);
        _buffer.Write(value);
    }

    private void Length(int length)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), length);
        _buffer.Advance(4);
    }

    private ref struct Reader(ReadOnlySpan<byte> payload)
    {
        private ReadOnlySpan<byte> _rest = payload;

        public readonly bool AtEnd => _rest.IsEmpty;

        public byte Byte()
        {
            var value = _rest[0];
            _rest = _rest[1..];
            return value;
        }

        public long Int64()
        {
            var value = BinaryPrimitives.ReadInt64LittleEndian(_rest);
            _rest = _rest[8..];
            return value;
        }

        public string? Text() => Take() is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

        public JsonValue? Json() => Take() is { } bytes ? JsonValue.Parse(bytes) : null;

        public byte[] Bytes() => Take() ?? throw new FormatException("a redo-log frame holds a write without its events");

        public ExecutionOutcome Outcome()
        {
            var status = Enum.Parse<ExecutionStatus>(Text()!);
            var stop = Int64();
            return new ExecutionOutcome(status, stop < 0 ? null : new DateTimeOffset(stop, TimeSpan.Zero), Json(), Text(), Text());
        }

        private byte[]? Take()
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(_rest);
            if (length < 0)
            {
                _rest = _rest[4..];
                return null;
            }

            var bytes = _rest.Slice(4, length).ToArray();
            _rest = _rest[(4 + length)..];
            return bytes;
        }
    }
}
