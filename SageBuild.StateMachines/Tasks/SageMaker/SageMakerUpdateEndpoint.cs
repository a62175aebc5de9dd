using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>Points an endpoint at another config (<c>arn:aws:states:::sagemaker:updateEndpoint</c>); poll it as after <see cref="SageMakerCreateEndpoint"/>.</summary>
public sealed class SageMakerUpdateEndpoint : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse];
    private readonly UpdateEndpointOptions _options;

    /// <summary>A task named <paramref name="name"/> that updates the endpoint in <paramref name="options"/>.</summary>
    public SageMakerUpdateEndpoint(string name, UpdateEndpointOptions options)
        : base(name, options, Supported, IntegrationArn.For("sagemaker", "updateEndpoint", options?.IntegrationPattern ?? default), RequestOf(options!)) =>
        _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(UpdateEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RequestBuilder()
            .Add("EndpointName", options.EndpointName)
            .Add("EndpointConfigName", options.EndpointConfigName)
            .Add("RetainAllVariantProperties", options.RetainAllVariantProperties)
            .Add("DeploymentConfig", options.DeploymentConfig?.ToTaskInput())
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements() =>
        [SageMakerEndpoints.Deploy("sagemaker:UpdateEndpoint", _options.EndpointName, _options.EndpointConfigName, tags: false)];
}
