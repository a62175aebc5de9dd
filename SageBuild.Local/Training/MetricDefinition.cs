using System.Globalization;
using System.Text.RegularExpressions;
using SageBuild.Local.Shapes;

namespace SageBuild.Local.Training;

/// <summary>A metric read from the training log: the first capture group of <see cref="Pattern"/> is the value.</summary>
internal sealed record MetricDefinition(string Name, Regex Pattern)
{
    // A user's regular expression runs on every log line: bound it so a pathological one cannot stall the job.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public static MetricDefinition Create(string name, string regex, string path)
    {
        try
        {
            var pattern = new Regex(regex, RegexOptions.CultureInvariant, MatchTimeout);
            return pattern.GetGroupNumbers().Length < 2
                ? throw ServiceException.Invalid($"{path}.Regex '{regex}' has no capture group: its first group must capture the value of {name}")
                : new MetricDefinition(name, pattern);
        }
        catch (ArgumentException e)
        {
            throw ServiceException.Invalid($"{path}.Regex '{regex}' is not a valid regular expression: {e.Message}");
        }
    }

    /// <summary>The value on <paramref name="line"/>, when the line matches and the group holds a number.</summary>
    public double? Match(string line)
    {
        try
        {
            var match = Pattern.Match(line);
            return match.Success && double.TryParse(match.Groups[1].Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value)
                ? value
                : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
