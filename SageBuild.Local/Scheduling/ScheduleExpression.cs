namespace SageBuild.Local.Scheduling;

/// <summary>
/// An EventBridge schedule expression: <c>rate(value unit)</c> or <c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c>,
/// in UTC, with the syntax and rules of EventBridge's "schedule expressions for rules". These are the same strings the
/// Pulumi program gives to EventBridge, so a string accepted here is one EventBridge accepts, and it fires at the same minutes.
/// </summary>
public abstract class ScheduleExpression
{
    private protected ScheduleExpression(string text) => Text = text;

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>
    /// Parses <paramref name="text"/>. Throws <see cref="ScheduleExpressionException"/> with a message that names the
    /// field at fault (for example <c>Minutes: 60 is out of range 0-59</c>).
    /// </summary>
    public static ScheduleExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("rate(", StringComparison.Ordinal))
            return RateExpression.ParseRate(trimmed);
        if (trimmed.StartsWith("cron(", StringComparison.Ordinal))
            return CronExpression.ParseCron(trimmed);
        throw new ScheduleExpressionException(text, null, "a schedule expression is either rate(value unit) or cron(Minutes Hours Day-of-month Month Day-of-week Year)");
    }

    /// <summary>Parses <paramref name="text"/>; on failure returns false with the message in <paramref name="error"/>.</summary>
    public static bool TryParse(string text, out ScheduleExpression? expression, out string? error)
    {
        try
        {
            expression = Parse(text);
            error = null;
            return true;
        }
        catch (ScheduleExpressionException e)
        {
            expression = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The first time strictly after <paramref name="after"/> at which the schedule fires, in UTC, or null when it never
    /// fires again (a cron expression whose years have all passed).
    /// </summary>
    public abstract DateTimeOffset? GetNextOccurrence(DateTimeOffset after);

    /// <inheritdoc />
    public override string ToString() => Text;
}
