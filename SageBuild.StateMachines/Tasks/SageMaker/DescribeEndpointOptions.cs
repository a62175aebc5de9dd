using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The options of a <see cref="SageMakerDescribeEndpoint"/> task.</summary>
public sealed record DescribeEndpointOptions : TaskStateOptions
{
    /// <summary>The endpoint's name; a literal narrows the IAM grant to it.</summary>
    public required Field<string> EndpointName { get; init; }
}
