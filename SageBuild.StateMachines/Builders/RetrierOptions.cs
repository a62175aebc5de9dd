using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// One Retry rule. Ranges are checked when the machine is built, and each error names the rule's JSON pointer
/// (for example <c>/States/Train/Retry/0/BackoffRate</c>).
/// </summary>
public sealed record RetrierOptions
{
    /// <summary>The errors this rule retries. <c>States.ALL</c> must stand alone, in the last rule.</summary>
    /// <value>Defaults to <c>["States.ALL"]</c>.</value>
    public IReadOnlyList<string> ErrorEquals { get; init; } = [ErrorNames.All];

    /// <summary>Seconds before the first retry, 1 to 99,999,999.</summary>
    /// <value>Defaults to 1.</value>
    public int IntervalSeconds { get; init; } = RetrierDefaults.IntervalSeconds;

    /// <summary>Retries at most, 0 to 99,999,999 (0 never retries).</summary>
    /// <value>Defaults to 3.</value>
    public int MaxAttempts { get; init; } = RetrierDefaults.MaxAttempts;

    /// <summary>The interval's multiplier per attempt, at least 1.0.</summary>
    /// <value>Defaults to 2.0.</value>
    public double BackoffRate { get; init; } = RetrierDefaults.BackoffRate;

    /// <summary>The longest interval, 1 to 31,622,400 seconds.</summary>
    /// <value>None by default.</value>
    public int? MaxDelaySeconds { get; init; }

    /// <summary>FULL picks each interval at random between 0 and its computed value.</summary>
    /// <value>None by default (AWS's default, NONE).</value>
    public JitterStrategy? Jitter { get; init; }

    /// <summary>A human-readable description.</summary>
    /// <value>None by default.</value>
    public string? Comment { get; init; }
}
