using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// The 64-bit key an execution's ARN is found by (<c>executions.arn_key</c>, indexed). An index of these integers is a
/// tenth of one of the ARNs themselves (about 130 characters each). Two ARNs may share a key: lookups compare the ARN
/// too, and the store (not SQLite) keeps ARNs unique.
/// </summary>
/// <remarks>
/// Most keys are XxHash3 of the ARN's UTF-16 code units. An ARN whose name is a time-ordered UUID (version 7, RFC 9562,
/// as the engine names executions started without a name) is keyed by the name's millisecond, then 24 bits of that
/// hash: such keys grow with time, so new executions go to the end of the index, one page for a whole batch of the
/// writer. Hashed alone, each dirtied a page of its own in a large index (4 KB of WAL per execution once the table held
/// a few hundred thousand), and (a) of bench ran a fifth slower on a store that had run for a while.
/// </remarks>
internal static class ExecutionArnKey
{
    private const int UuidLength = 36;
    private const int HashBits = 24;

    public static long Of(string executionArn)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(executionArn.AsSpan()));
        if (TimeOrderedMillisecond(executionArn) is not { } millisecond)
            return unchecked((long)hash);
        // 40 bits of milliseconds (they wrap every 35 years, which only moves where keys go in the index).
        return unchecked((long)((millisecond << HashBits) | (hash & ((1UL << HashBits) - 1))));
    }

    // The millisecond of the ARN's name when that is a version-7 UUID in lower case (8-4-4-4-12, version 7, RFC variant).
    private static ulong? TimeOrderedMillisecond(string executionArn)
    {
        if (executionArn.Length <= UuidLength || executionArn[^(UuidLength + 1)] != ':')
            return null;
        var name = executionArn.AsSpan(executionArn.Length - UuidLength);
        if (name[8] != '-' || name[13] != '-' || name[14] != '7' || name[18] != '-' || name[23] != '-' || name[19] is not ('8' or '9' or 'a' or 'b'))
            return null;
        ulong millisecond = 0;
        for (var i = 0; i < name.Length; i++)
        {
            if (i is 8 or 13 or 18 or 23)
                continue;
            var digit = name[i] switch
            {
                >= '0' and <= '9' => name[i] - '0',
                >= 'a' and <= 'f' => name[i] - 'a' + 10,
                _ => -1,
            };
            if (digit < 0)
                return null;
            if (i < 13)
                millisecond = (millisecond << 4) | (uint)digit; // the first 12 digits are the 48-bit Unix millisecond
        }

        return millisecond & ((1UL << (64 - HashBits)) - 1);
    }
}
