using System.Globalization;

namespace SageBuild.Local.Scheduling;

/// <summary>
/// <c>rate(value unit)</c>: a positive whole value and a unit that is singular for 1 and plural otherwise
/// (<c>rate(1 hour)</c>, <c>rate(5 hours)</c>; <c>rate(1 hours)</c> and <c>rate(5 hour)</c> are refused, as EventBridge refuses them).
/// </summary>
/// <remarks>
/// EventBridge starts a rate when the rule is created and fires every interval after that, so the next occurrence
/// is one interval after the previous one: <see cref="GetNextOccurrence"/> adds the interval to the time it is given.
/// </remarks>
public sealed class RateExpression : ScheduleExpression
{
    // The longest interval we accept; beyond it an interval would overflow DateTimeOffset arithmetic long before it mattered.
    private const int MaxValue = 1_000_000;

    private RateExpression(string text, int value, RateUnit unit)
        : base(text)
    {
        Value = value;
        Unit = unit;
        Interval = unit switch
        {
            RateUnit.Minute => TimeSpan.FromMinutes(value),
            RateUnit.Hour => TimeSpan.FromHours(value),
            _ => TimeSpan.FromDays(value),
        };
    }

    /// <summary>The number of units.</summary>
    public int Value { get; }

    /// <summary>The unit.</summary>
    public RateUnit Unit { get; }

    /// <summary>The time between two occurrences.</summary>
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public override DateTimeOffset? GetNextOccurrence(DateTimeOffset after) => after.ToUniversalTime() + Interval;

    internal static RateExpression ParseRate(string text)
    {
        if (!text.EndsWith(')'))
            throw new ScheduleExpressionException(text, null, "a rate expression ends with ')'");
        var body = text["rate(".Length..^1];
        var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
            throw new ScheduleExpressionException(text, null, "a rate expression has two fields, a value and a unit, as in rate(5 minutes)");
        var (valueText, unitText) = (parts[0], parts[1]);
        if (valueText.Length == 0 || !valueText.All(char.IsAsciiDigit)
            || !int.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > MaxValue)
            throw new ScheduleExpressionException(text, "value", $"'{valueText}' is not a positive whole number (at most {MaxValue})");
        if (value == 0)
            throw new ScheduleExpressionException(text, "value", "must be positive, not 0");
        var (unit, plural) = unitText switch
        {
            "minute" => (RateUnit.Minute, false),
            "minutes" => (RateUnit.Minute, true),
            "hour" => (RateUnit.Hour, false),
            "hours" => (RateUnit.Hour, true),
            "day" => (RateUnit.Day, false),
            "days" => (RateUnit.Day, true),
            _ => throw new ScheduleExpressionException(text, "unit", $"'{unitText}' is not one of minute, minutes, hour, hours, day, days"),
        };
        if (value == 1 && plural)
            throw new ScheduleExpressionException(text, "unit", $"with the value 1 the unit is singular: rate(1 {unitText[..^1]})");
        if (value > 1 && !plural)
            throw new ScheduleExpressionException(text, "unit", $"with a value greater than 1 the unit is plural: rate({value} {unitText}s)");
        return new RateExpression(text, value, unit);
    }
}
