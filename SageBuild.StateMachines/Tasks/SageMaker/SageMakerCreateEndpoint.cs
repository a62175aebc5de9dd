using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>
/// Creates an endpoint (<c>arn:aws:states:::sagemaker:createEndpoint</c>). Endpoints have no <c>.sync</c>: follow this
/// task with a Wait, a <see cref="SageMakerDescribeEndpoint"/> and a Choice on <c>EndpointStatus</c>.
/// </summary>
public sealed class SageMakerCreateEndpoint : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse];
    private readonly CreateEndpointOptions _options;

    /// <summary>A task named <paramref name="name"/> that creates the endpoint in <paramref name="options"/>.</summary>
    public SageMakerCreateEndpoint(string name, CreateEndpointOptions options)
        : base(name, options, Supported, IntegrationArn.For("sagemaker", "createEndpoint", options?.IntegrationPattern ?? default), RequestOf(options!)) =>
        _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(CreateEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RequestBuilder()
            .Add("EndpointName", options.EndpointName)
            .Add("EndpointConfigName", options.EndpointConfigName)
            .Add("DeploymentConfig", options.DeploymentConfig?.ToTaskInput())
            .Add("Tags", SageMakerIam.Tags(options.Tags))
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements() =>
        [SageMakerEndpoints.Deploy("sagemaker:CreateEndpoint", _options.EndpointName, _options.EndpointConfigName, _options.Tags is { Count: > 0 })];
}
