using System.Diagnostics.CodeAnalysis;

namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// Timestamps as Step Functions accepts them in Choice rules and Wait states: the RFC 3339 profile of ISO 8601
/// with an uppercase <c>T</c> between date and time and either an uppercase <c>Z</c> or a numeric offset, such as
/// <c>2016-08-18T17:33:00Z</c> or <c>2016-08-18T17:33:00.123456789+01:00</c>. A time without an offset, a space
/// for the <c>T</c> or another date order is not a timestamp.
/// </summary>
public static class AslTimestamp
{
    private const int MaxFractionDigits = 9;

    /// <summary>
    /// Parses <paramref name="text"/> to an instant in UTC. Fractions beyond 100 ns (the resolution of
    /// <see cref="DateTimeOffset"/>) are dropped, so two timestamps that differ only there compare equal.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length < 20)
            return false;
        var s = text.AsSpan();
        if (!Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-'
            || !Digits(s, 8, 2, out var day) || s[10] != 'T' || !Digits(s, 11, 2, out var hour) || s[13] != ':'
            || !Digits(s, 14, 2, out var minute) || s[16] != ':' || !Digits(s, 17, 2, out var second))
            return false;
        var i = 19;
        long fractionTicks = 0;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            var scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                scale /= 10;
                fractionTicks += (s[i] - '0') * scale;
                i++;
            }

            if (i == start || i - start > MaxFractionDigits)
                return false;
        }

        if (!TryParseOffset(s[i..], out var offset))
            return false;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || year < 1
            || hour > 23 || minute > 59 || second > 59)
            return false;
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        var utc = local - offset;
        if (utc < DateTime.MinValue.AddDays(1) || utc > DateTime.MaxValue.AddDays(-1))
            return false;
        value = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is a timestamp.</summary>
    public static bool IsTimestamp([NotNullWhen(true)] string? text) => TryParse(text, out _);

    private static bool TryParseOffset(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s is "Z")
            return true;
        if (s.Length != 6 || s[0] is not ('+' or '-') || s[3] != ':' || !Digits(s, 1, 2, out var hours) || !Digits(s, 4, 2, out var minutes)
            || hours > 23 || minutes > 59)
            return false;
        offset = new TimeSpan(hours, minutes, 0);
        if (s[0] == '-')
            offset = -offset;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
                return false;
            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
