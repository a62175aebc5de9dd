using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Writes the store's compact binary values: unsigned LEB128 varints, zigzag varints for signed numbers, strings and
/// JSON texts as a varint of their UTF-8 length plus one (0 for null) and the bytes. Not thread-safe.
/// </summary>
internal sealed class PackedWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly Utf8JsonWriter _jsonWriter;
    private readonly (JsonValue? Value, int Start, int Length)[] _recent = new (JsonValue?, int, int)[4];
    private int _next;

    public PackedWriter() => _jsonWriter = new Utf8JsonWriter(_json);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Reset()
    {
        _buffer.ResetWrittenCount();
        Array.Clear(_recent);
    }

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Varint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    public void Signed(long value) => Varint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>A byte and five signed numbers (an event's fixed fields), with room reserved once rather than six times.</summary>
    public void ByteAndSigned(byte value, long a, long b, long c, long d, long e)
    {
        var span = _buffer.GetSpan(1 + (5 * 10));
        span[0] = value;
        var at = 1;
        at += WriteSigned(span[at..], a);
        at += WriteSigned(span[at..], b);
        at += WriteSigned(span[at..], c);
        at += WriteSigned(span[at..], d);
        at += WriteSigned(span[at..], e);
        _buffer.Advance(at);
    }

    public void OptionalSigned(long? value)
    {
        Byte(value is null ? (byte)0 : (byte)1);
        if (value is { } v)
            Signed(v);
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Varint(0);
            return;
        }

        // ASCII text (state names, ARNs, error names: nearly all of it) is its own UTF-8: its length is known first.
        var asciiPrefix = VarintLength((ulong)value.Length + 1);
        var room = _buffer.GetSpan(asciiPrefix + value.Length);
        if (Ascii.FromUtf16(value, room[asciiPrefix..], out var copied) == OperationStatus.Done)
        {
            WriteVarint(room, (ulong)copied + 1);
            _buffer.Advance(asciiPrefix + copied);
            return;
        }

        // The length goes first: reserve the most a varint of the longest encoding takes, then move the bytes if less.
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = _buffer.GetSpan(max + 5);
        var written = Encoding.UTF8.GetBytes(value, span[5..]);
        var prefix = VarintLength((ulong)written + 1);
        WriteVarint(span, (ulong)written + 1);
        span.Slice(5, written).CopyTo(span[prefix..]);
        _buffer.Advance(prefix + written);
    }

    /// <summary>Bytes (UTF-8 JSON or text already encoded, a packed blob) in the same shape as a text: null is 0.</summary>
    public void Utf8(ReadOnlySpan<byte> value, bool isNull = false)
    {
        if (isNull)
        {
            Varint(0);
            return;
        }

        Varint((ulong)value.Length + 1);
        _buffer.Write(value);
    }

    public void Json(JsonValue? value)
    {
        if (value is null)
        {
            Varint(0);
            return;
        }

        // Steps hand the same (immutable) value along: a state's output is the next state's input, a Parallel's input
        // every branch's. Written once per blob and copied after that, it is serialised once.
        for (var i = 0; i < _recent.Length; i++)
        {
            if (ReferenceEquals(_recent[i].Value, value))
            {
                var (start, length) = (_recent[i].Start, _recent[i].Length);
                var destination = _buffer.GetSpan(length);
                _buffer.WrittenSpan.Slice(start, length).CopyTo(destination);
                _buffer.Advance(length);
                return;
            }
        }

        // Integers and empty objects, most of a Map's or a Parallel's data, skip the JSON writer (its reset and flush
        // cost more than the value).
        if (value is JsonNumber number && number.TryGetShortInteger(out var whole))
        {
            var span = _buffer.GetSpan(1 + 20);
            Utf8Formatter.TryFormat(whole, span[1..], out var digits);
            span[0] = (byte)(digits + 1); // at most 16 characters: a one-byte varint
            _buffer.Advance(1 + digits);
            return;
        }

        if (value is JsonObject { Count: 0 })
        {
            Utf8("{}"u8);
            return;
        }

        var bytes = JsonBytes(value);
        var at = _buffer.WrittenCount;
        Varint((ulong)bytes.Length + 1);
        _buffer.Write(bytes);
        _recent[_next] = (value, at, _buffer.WrittenCount - at);
        _next = (_next + 1) % _recent.Length;
    }

    // The value's JSON text as UTF-8 (valid until the next call that writes JSON).
    private ReadOnlySpan<byte> JsonBytes(JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _json.ResetWrittenCount();
        _jsonWriter.Reset(_json);
        value.WriteTo(_jsonWriter);
        _jsonWriter.Flush();
        return _json.WrittenSpan;
    }

    public void Dispose() => _jsonWriter.Dispose();

    private static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    private static int WriteVarint(Span<byte> span, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i] = (byte)value;
        return i + 1;
    }

    private static int WriteSigned(Span<byte> span, long value) => WriteVarint(span, (ulong)((value << 1) ^ (value >> 63)));
}
