using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The options of a <see cref="SageMakerCreateEndpoint"/> task.</summary>
public sealed record CreateEndpointOptions : TaskStateOptions
{
    /// <summary>The endpoint's name; a literal narrows the IAM grant to it.</summary>
    public required Field<string> EndpointName { get; init; }

    /// <summary>The endpoint config to serve.</summary>
    public required Field<string> EndpointConfigName { get; init; }

    /// <summary>Deployment guardrails.</summary>
    /// <value>None by default.</value>
    public DeploymentConfig? DeploymentConfig { get; init; }

    /// <summary>Tags of the endpoint.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
