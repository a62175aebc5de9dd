using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The options of a <see cref="SageMakerUpdateEndpoint"/> task.</summary>
public sealed record UpdateEndpointOptions : TaskStateOptions
{
    /// <summary>The endpoint's name; a literal narrows the IAM grant to it.</summary>
    public required Field<string> EndpointName { get; init; }

    /// <summary>The endpoint config to switch to.</summary>
    public required Field<string> EndpointConfigName { get; init; }

    /// <summary>Deployment guardrails.</summary>
    /// <value>None by default: SageMaker's default blue/green, all at once.</value>
    public DeploymentConfig? DeploymentConfig { get; init; }

    /// <summary>Whether to keep the variants' current instance counts and weights.</summary>
    /// <value>None by default: the new config's values.</value>
    public bool? RetainAllVariantProperties { get; init; }
}
