using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>
/// The options of a <see cref="SageMakerCreateHyperParameterTuningJob"/> task: the tuning configuration and the
/// training job definition (rendered under <c>HyperParameterTuningJobConfig</c> and <c>TrainingJobDefinition</c>).
/// </summary>
public sealed record CreateHyperParameterTuningJobOptions : TaskStateOptions
{
    /// <summary>The tuning job's name (at most 32 characters); a literal or a <c>States.Format</c> prefix narrows the IAM grant.</summary>
    public required Field<string> HyperParameterTuningJobName { get; init; }

    /// <summary>How the next hyperparameters are picked.</summary>
    /// <value>Defaults to Bayesian.</value>
    public TuningStrategy Strategy { get; init; } = TuningStrategy.Bayesian;

    /// <summary>Whether the objective metric should be maximised or minimised.</summary>
    public required TuningObjectiveType ObjectiveType { get; init; }

    /// <summary>The objective metric's name, one of the algorithm's metric definitions.</summary>
    public required string ObjectiveMetricName { get; init; }

    /// <summary>The most training jobs in all.</summary>
    public required Field<double> MaxNumberOfTrainingJobs { get; init; }

    /// <summary>The most training jobs at once.</summary>
    public required Field<double> MaxParallelTrainingJobs { get; init; }

    /// <summary>Integer ranges to search.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<IntegerParameterRange> IntegerParameterRanges { get; init; } = [];

    /// <summary>Continuous ranges to search.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<ContinuousParameterRange> ContinuousParameterRanges { get; init; } = [];

    /// <summary>Categorical ranges to search.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<CategoricalParameterRange> CategoricalParameterRanges { get; init; } = [];

    /// <summary>The algorithm of every training job.</summary>
    public required AlgorithmSpecification AlgorithmSpecification { get; init; }

    /// <summary>The execution role of the training jobs; passed to SageMaker only.</summary>
    public required Field<string> RoleArn { get; init; }

    /// <summary>The input channels.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<Channel> InputDataConfig { get; init; } = [];

    /// <summary>Where the artifacts go.</summary>
    public required OutputDataConfig OutputDataConfig { get; init; }

    /// <summary>The instances of each training job.</summary>
    /// <value>Defaults to one ml.m5.xlarge with a 10 GB volume.</value>
    public ResourceConfig ResourceConfig { get; init; } = new();

    /// <summary>When SageMaker stops each training job.</summary>
    /// <value>Defaults to one hour.</value>
    public StoppingCondition StoppingCondition { get; init; } = new();

    /// <summary>Hyperparameters every training job gets unchanged.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, Field<string>>? StaticHyperParameters { get; init; }

    /// <summary>Earlier tuning jobs to start from (at most 5).</summary>
    /// <value>None by default: no warm start.</value>
    public IReadOnlyList<Field<string>>? ParentHyperParameterTuningJobs { get; init; }

    /// <summary>How the job builds on its parents.</summary>
    /// <value>Defaults to IdenticalDataAndAlgorithm.</value>
    public WarmStartType WarmStartType { get; init; } = WarmStartType.IdenticalDataAndAlgorithm;

    /// <summary>Tags of the tuning job.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
