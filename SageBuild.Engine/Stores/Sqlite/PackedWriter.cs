using System.Buffers;
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

    private static void WriteVarint(Span<byte> span, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i] = (byte)value;
    }
}
