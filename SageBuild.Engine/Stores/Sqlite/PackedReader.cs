using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>Reads what <see cref="PackedWriter"/> writes; a truncated input throws <see cref="FormatException"/>.</summary>
internal ref struct PackedReader(ReadOnlySpan<byte> input)
{
    private ReadOnlySpan<byte> _rest = input;

    public readonly bool AtEnd => _rest.IsEmpty;

    public byte Byte()
    {
        if (_rest.IsEmpty)
            throw Truncated();
        var value = _rest[0];
        _rest = _rest[1..];
        return value;
    }

    public ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }

        throw new FormatException("a stored number is malformed");
    }

    public long Signed()
    {
        var raw = Varint();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public long? OptionalSigned() => Byte() == 0 ? null : Signed();

    public string? Text() => TryTake(out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public JsonValue? Json() => TryTake(out var bytes) ? JsonValue.Parse(bytes) : null;

    /// <summary>Bytes written by <see cref="PackedWriter.Utf8"/> (empty for null).</summary>
    public ReadOnlySpan<byte> Utf8() => TryTake(out var bytes) ? bytes : default;

    private bool TryTake(out ReadOnlySpan<byte> bytes)
    {
        var length = Varint();
        bytes = default;
        if (length == 0)
            return false;
        if (length - 1 > (ulong)_rest.Length)
            throw Truncated();
        var count = (int)(length - 1);
        bytes = _rest[..count];
        _rest = _rest[count..];
        return true;
    }

    private static FormatException Truncated() => new("a stored history step is truncated");
}
