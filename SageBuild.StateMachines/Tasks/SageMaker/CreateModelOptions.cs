using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The options of a <see cref="SageMakerCreateModel"/> task.</summary>
public sealed record CreateModelOptions : TaskStateOptions
{
    /// <summary>The model's name; a literal or a <c>States.Format</c> prefix narrows the IAM grant.</summary>
    public required Field<string> ModelName { get; init; }

    /// <summary>The role the model's containers run with; passed to SageMaker only.</summary>
    public required Field<string> ExecutionRoleArn { get; init; }

    /// <summary>The single container. Exactly one of this and <see cref="Containers"/>.</summary>
    /// <value>None by default.</value>
    public ContainerDefinition? PrimaryContainer { get; init; }

    /// <summary>The containers of an inference pipeline. Exactly one of this and <see cref="PrimaryContainer"/>.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<ContainerDefinition>? Containers { get; init; }

    /// <summary>How the <see cref="Containers"/> run.</summary>
    /// <value>None by default: Serial.</value>
    public InferenceExecutionMode? InferenceExecutionMode { get; init; }

    /// <summary>Whether the containers have no network access.</summary>
    /// <value>None by default: they have.</value>
    public bool? EnableNetworkIsolation { get; init; }

    /// <summary>Tags of the model.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
