using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The options of a <see cref="SageMakerCreateTrainingJob"/> task: the CreateTrainingJob request, typed.</summary>
public sealed record CreateTrainingJobOptions : TaskStateOptions
{
    /// <summary>The job's name, unique in the account and region; a literal or a <c>States.Format</c> prefix narrows the IAM grant.</summary>
    public required Field<string> TrainingJobName { get; init; }

    /// <summary>The algorithm.</summary>
    public required AlgorithmSpecification AlgorithmSpecification { get; init; }

    /// <summary>The execution role SageMaker assumes; passed to SageMaker only.</summary>
    public required Field<string> RoleArn { get; init; }

    /// <summary>The input channels.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<Channel> InputDataConfig { get; init; } = [];

    /// <summary>Where the artifact goes.</summary>
    public required OutputDataConfig OutputDataConfig { get; init; }

    /// <summary>The instances.</summary>
    /// <value>Defaults to one ml.m5.xlarge with a 10 GB volume.</value>
    public ResourceConfig ResourceConfig { get; init; } = new();

    /// <summary>When SageMaker stops the job.</summary>
    /// <value>Defaults to one hour.</value>
    public StoppingCondition StoppingCondition { get; init; } = new();

    /// <summary>Hyperparameters; SageMaker takes every value as a string.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, Field<string>>? HyperParameters { get; init; }

    /// <summary>Environment variables of the training container.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, Field<string>>? Environment { get; init; }

    /// <summary>Whether to train on spot instances (then set <see cref="StoppingCondition.MaxWaitTimeInSeconds"/>).</summary>
    /// <value>None by default: on-demand.</value>
    public bool? EnableManagedSpotTraining { get; init; }

    /// <summary>Tags of the job.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
