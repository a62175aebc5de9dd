using System.Globalization;
using System.Text.RegularExpressions;

namespace SageBuild.StateMachines.Validation;

/// <summary>
/// The timestamps ASL accepts: RFC 3339 with an uppercase <c>T</c> between date and time and an uppercase
/// <c>Z</c> when there is no numeric offset, such as <c>2016-03-14T01:59:00Z</c>.
/// </summary>
internal static partial class Rfc3339Timestamp
{
    /// <summary>Whether <paramref name="text"/> is such a timestamp, with a real date and time.</summary>
    public static bool IsValid(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success)
            return false;

        // The shape is right; let the calendar decide whether the date exists (no 30 February, no hour 25).
        var normalized = match.Groups["date"].Value + "T" + match.Groups["time"].Value + (match.Groups["zone"].Value == "Z" ? "+00:00" : match.Groups["zone"].Value);
        return DateTimeOffset.TryParseExact(normalized, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})T(?<time>\d{2}:\d{2}:\d{2})(?:\.\d+)?(?<zone>Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
