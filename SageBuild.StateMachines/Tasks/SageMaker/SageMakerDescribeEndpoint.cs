using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>
/// Reads an endpoint's status through the AWS SDK integration (<c>arn:aws:states:::aws-sdk:sagemaker:describeEndpoint</c>),
/// which has no optimized integration; the status is at <c>$.EndpointStatus</c>.
/// </summary>
public sealed class SageMakerDescribeEndpoint : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse];
    private readonly DescribeEndpointOptions _options;

    /// <summary>A task named <paramref name="name"/> that describes the endpoint in <paramref name="options"/>.</summary>
    public SageMakerDescribeEndpoint(string name, DescribeEndpointOptions options)
        : base(name, options, Supported, IntegrationArn.AwsSdk("sagemaker", "describeEndpoint", options?.IntegrationPattern ?? default), RequestOf(options!)) =>
        _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(DescribeEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RequestBuilder().Add("EndpointName", options.EndpointName).Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements() =>
        [PolicyStatement.Allow(SageMakerIam.Resource("endpoint", _options.EndpointName), "sagemaker:DescribeEndpoint")];
}
