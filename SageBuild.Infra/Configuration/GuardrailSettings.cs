namespace SageBuild.Infra.Configuration;

/// <summary>The CloudWatch alarms that roll a blue/green endpoint deployment back (one pair per production variant).</summary>
public sealed record GuardrailSettings
{
    /// <summary>Server errors (Invocation5XXErrors, summed per minute) at or above which the alarm fires.</summary>
    /// <value>Defaults to 1: any server error during the traffic shift rolls back.</value>
    public int ServerErrorThreshold { get; init; } = InfraDefaults.GuardrailServerErrorThreshold;

    /// <summary>The p99 ModelLatency, in milliseconds, above which the latency alarm fires.</summary>
    /// <value>Defaults to 1000 ms.</value>
    public int LatencyP99Milliseconds { get; init; } = InfraDefaults.GuardrailLatencyP99Milliseconds;

    /// <summary>How many consecutive one-minute periods must breach before an alarm fires.</summary>
    /// <value>Defaults to 2.</value>
    public int EvaluationMinutes { get; init; } = InfraDefaults.GuardrailEvaluationMinutes;
}
