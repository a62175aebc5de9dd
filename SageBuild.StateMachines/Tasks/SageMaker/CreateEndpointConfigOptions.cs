using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The options of a <see cref="SageMakerCreateEndpointConfig"/> task.</summary>
public sealed record CreateEndpointConfigOptions : TaskStateOptions
{
    /// <summary>The config's name; a literal or a <c>States.Format</c> prefix narrows the IAM grant.</summary>
    public required Field<string> EndpointConfigName { get; init; }

    /// <summary>The variants (one or more).</summary>
    public required IReadOnlyList<ProductionVariant> ProductionVariants { get; init; }

    /// <summary>Data capture.</summary>
    /// <value>None by default: nothing is captured.</value>
    public DataCaptureConfig? DataCaptureConfig { get; init; }

    /// <summary>A KMS key for the instances' storage.</summary>
    /// <value>None by default.</value>
    public Field<string>? KmsKeyId { get; init; }

    /// <summary>Tags of the config.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
