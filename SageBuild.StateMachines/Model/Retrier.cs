namespace SageBuild.StateMachines.Model;

/// <summary>One <c>Retry</c> rule. Absent fields keep AWS's defaults, applied by the engine.</summary>
public sealed record Retrier
{
    /// <summary>The default <see cref="IntervalSeconds"/>.</summary>
    public const int DefaultIntervalSeconds = 1;

    /// <summary>The default <see cref="MaxAttempts"/>.</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>The default <see cref="BackoffRate"/>.</summary>
    public const double DefaultBackoffRate = 2.0;

    /// <summary>The error names this rule matches.</summary>
    public required ValueList<string> ErrorEquals { get; init; }

    /// <summary>Seconds before the first retry (default 1).</summary>
    public int? IntervalSeconds { get; init; }

    /// <summary>Retries at most (default 3; 0 never retries).</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Multiplier of the interval per attempt (default 2.0).</summary>
    public double? BackoffRate { get; init; }

    /// <summary>Upper bound of the interval.</summary>
    public int? MaxDelaySeconds { get; init; }

    /// <summary>FULL randomises each interval between 0 and its value.</summary>
    public JitterStrategy? JitterStrategy { get; init; }

    /// <summary>A human-readable description.</summary>
    public string? Comment { get; init; }
}

/// <summary>How retry intervals are randomised.</summary>
public enum JitterStrategy
{
    /// <summary>Exact intervals.</summary>
    NONE,

    /// <summary>Each interval is chosen uniformly between 0 and its computed value.</summary>
    FULL,
}
