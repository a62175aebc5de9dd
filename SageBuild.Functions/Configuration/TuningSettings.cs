using SageBuild.StateMachines.Tasks.SageMaker;

namespace SageBuild.Functions.Configuration;

/// <summary>Hyperparameter tuning (<c>tuning</c>): the best job's model becomes the candidate.</summary>
public sealed record TuningSettings
{
    /// <summary>How the next hyperparameters are picked.</summary>
    /// <value>Defaults to Bayesian.</value>
    public TuningStrategy Strategy { get; init; } = TuningStrategy.Bayesian;

    /// <summary>The objective metric.</summary>
    public required string ObjectiveMetric { get; init; }

    /// <summary>The regex that finds the objective in the logs.</summary>
    /// <value>None by default: taken from training.metricDefinitions.</value>
    public string? ObjectiveRegex { get; init; }

    /// <summary>Whether the objective should grow or shrink.</summary>
    public required TuningObjectiveType ObjectiveType { get; init; }

    /// <summary>The most training jobs in all.</summary>
    /// <value>Defaults to 10.</value>
    public int MaxJobs { get; init; } = ConfigurationDefaults.TuningMaxJobs;

    /// <summary>The most training jobs at once.</summary>
    /// <value>Defaults to 2.</value>
    public int MaxParallelJobs { get; init; } = ConfigurationDefaults.TuningMaxParallelJobs;

    /// <summary>Categorical ranges.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<CategoricalRangeSettings> CategoricalRanges { get; init; } = [];

    /// <summary>Continuous ranges.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<ParameterRangeSettings> ContinuousRanges { get; init; } = [];

    /// <summary>Integer ranges.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<ParameterRangeSettings> IntegerRanges { get; init; } = [];

    /// <summary>Tuning jobs to warm-start from.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<string> ParentJobs { get; init; } = [];

    /// <summary>How the job builds on its parents.</summary>
    /// <value>Defaults to IdenticalDataAndAlgorithm.</value>
    public WarmStartType WarmStartType { get; init; } = WarmStartType.IdenticalDataAndAlgorithm;
}
