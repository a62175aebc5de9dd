namespace SageBuild.Engine.Api;

/// <summary>
/// A time-ordered UUID (version 7, RFC 9562): the Unix millisecond in its first 48 bits, then random bits, in lower
/// case. The engine names an execution started without a name so; AWS uses a random UUID (version 4), but the SQLite
/// store keys a time-ordered name by its time (<c>ExecutionArnKey</c>), so new executions go to the end of its ARN
/// index instead of each to a page of its own.
/// </summary>
internal static class TimeOrderedUuid
{
    /// <summary>The UUID of <paramref name="unixMillisecond"/> with the bits of <paramref name="random"/> (16 bytes; its first 6 and the version and variant bits are overwritten).</summary>
    public static string Format(long unixMillisecond, Span<byte> random)
    {
        if (random.Length != 16)
            throw new ArgumentException("a UUID has 16 bytes", nameof(random));
        for (var i = 0; i < 6; i++)
            random[i] = (byte)(unixMillisecond >> (8 * (5 - i)));
        random[6] = (byte)((random[6] & 0x0F) | 0x70);
        random[8] = (byte)((random[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(random);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
