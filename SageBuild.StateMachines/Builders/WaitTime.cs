using System.Globalization;

namespace SageBuild.StateMachines.Builders;

/// <summary>How long a <see cref="Wait"/> state waits: one of the four ASL forms (or their JSONata variants).</summary>
public sealed class WaitTime
{
    private WaitTime(Field<double>? seconds, Field<DateTimeOffset>? timestamp)
    {
        SecondsField = seconds;
        TimestampField = timestamp;
    }

    internal Field<double>? SecondsField { get; }

    internal Field<DateTimeOffset>? TimestampField { get; }

    /// <summary>A fixed duration, in whole seconds (<c>Seconds</c>).</summary>
    public static WaitTime Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero || duration.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "a Wait lasts a whole, non-negative number of seconds");
        return new WaitTime((double)(long)duration.TotalSeconds, null);
    }

    /// <summary>Seconds: a literal (<c>Seconds</c>), a JSONPath reference (<c>SecondsPath</c>) or a JSONata expression.</summary>
    public static WaitTime Seconds(Field<double> seconds)
    {
        if (!seconds.IsDynamic && (seconds.Value < 0 || Math.Floor(seconds.Value) != seconds.Value))
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds.Value.ToString(CultureInfo.InvariantCulture), "a Wait lasts a whole, non-negative number of seconds");
        return new WaitTime(seconds, null);
    }

    /// <summary>Seconds read from the input at <paramref name="path"/> (<c>SecondsPath</c>).</summary>
    public static WaitTime SecondsPath(string path) => new(JsonPath.NumberAt(path), null);

    /// <summary>Until a time: a literal (<c>Timestamp</c>), a JSONPath reference (<c>TimestampPath</c>) or a JSONata expression.</summary>
    public static WaitTime Timestamp(Field<DateTimeOffset> timestamp) => new(null, timestamp);

    /// <summary>Until the timestamp read from the input at <paramref name="path"/> (<c>TimestampPath</c>).</summary>
    public static WaitTime TimestampPath(string path) => new(null, JsonPath.TimestampAt(path));
}
