using System.Buffers.Binary;
using SageBuild.Engine.Execution;

namespace SageBuild.Engine.Stores;

/// <summary>
/// The UUID-shaped name of a distributed Map's child execution, which says where the child is: its Map Run (a 60-bit
/// tag) and its item's index. A store can then keep a Map Run's ended children packed many to a row and find one by
/// its ARN alone, with no index entry per child.
/// </summary>
/// <remarks>
/// Bytes 0–7 are the run's tag (the version nibble forced to 4), 8–11 a check derived from the tag and the index (the
/// variant bits forced), 12–15 the index masked by the tag: names look random, and a UUID made otherwise is not taken
/// for a child's (its check does not match).
/// </remarks>
internal static class ChildExecutionAddress
{
    private const int Length = 36;

    /// <summary>The name of item <paramref name="index"/>'s child in the Map Run of <paramref name="runKey"/>.</summary>
    public static string Name(ulong runKey, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, runKey);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        var tag = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[8..], Check(tag, index));
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[12..], (uint)index ^ Mask(tag));
        return Format(bytes);
    }

    /// <summary>The Map Run's tag and the item's index of a child's name; false for any other name.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out ulong runTag, out int index)
    {
        runTag = 0;
        index = 0;
        Span<byte> bytes = stackalloc byte[16];
        if (name.Length != Length || !TryParseHex(name, bytes))
            return false;
        var tag = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var item = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]) ^ Mask(tag);
        if (item > int.MaxValue)
            return false;
        Span<byte> check = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(check, Check(tag, (int)item));
        check[0] = (byte)((check[0] & 0x3F) | 0x80);
        if (!check.SequenceEqual(bytes.Slice(8, 4)))
            return false;
        runTag = tag;
        index = (int)item;
        return true;
    }

    private static uint Check(ulong tag, int index) => (uint)(StableHash.Mix(tag + (ulong)index) >> 32);

    private static uint Mask(ulong tag) => (uint)StableHash.Mix(tag ^ 0xC41D_ADD2_E55UL);

    private static string Format(ReadOnlySpan<byte> bytes)
    {
        Span<char> text = stackalloc char[Length];
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

    private static bool TryParseHex(ReadOnlySpan<char> name, Span<byte> bytes)
    {
        var at = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                if (name[at++] != '-')
                    return false;
            }

            var high = HexDigit(name[at++]);
            var low = HexDigit(name[at++]);
            if (high < 0 || low < 0)
                return false;
            bytes[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
