namespace SageBuild.Functions.Configuration;

/// <summary>The quality gate (<c>gate</c>): a candidate is deployed only when it passes.</summary>
public sealed record QualityGateSettings
{
    /// <summary>The metric compared.</summary>
    public required string Metric { get; init; }

    /// <summary>Whether higher or lower is better.</summary>
    public required GateDirection Direction { get; init; }

    /// <summary>The value the candidate must reach.</summary>
    /// <value>None by default: no absolute threshold.</value>
    public double? Threshold { get; init; }

    /// <summary>How much the candidate must beat production by.</summary>
    /// <value>Defaults to 0: at least as good as production.</value>
    public double MinImprovement { get; init; }

    /// <summary>Where the candidate's value comes from.</summary>
    /// <value>Defaults to the final metrics.</value>
    public MetricSource Source { get; init; } = MetricSource.FinalMetrics;

    /// <summary>The evaluation file, relative to the job's output prefix.</summary>
    /// <value>Defaults to evaluation.json.</value>
    public string EvaluationKey { get; init; } = ConfigurationDefaults.EvaluationKey;
}
