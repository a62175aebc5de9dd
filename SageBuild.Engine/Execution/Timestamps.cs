using System.Globalization;
using System.Text.RegularExpressions;

namespace SageBuild.Engine.Execution;

/// <summary>RFC 3339 timestamps as Step Functions writes and accepts them.</summary>
internal static partial class Timestamps
{
    /// <summary>As in the context object: UTC, milliseconds, <c>Z</c>.</summary>
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses an ISO-8601 extended offset date-time (<c>2016-03-14T01:59:00Z</c>, <c>...:00.123+02:00</c>). AWS rejects
    /// a missing offset, a space for the <c>T</c> and other orders of the date.
    /// </summary>
    public static bool TryParse(string text, out DateTimeOffset at)
    {
        at = default;
        if (!Rfc3339().IsMatch(text))
            return false;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
