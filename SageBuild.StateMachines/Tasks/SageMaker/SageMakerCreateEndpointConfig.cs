using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>Creates an endpoint config (<c>arn:aws:states:::sagemaker:createEndpointConfig</c>).</summary>
public sealed class SageMakerCreateEndpointConfig : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse];
    private readonly CreateEndpointConfigOptions _options;

    /// <summary>A task named <paramref name="name"/> that creates the endpoint config in <paramref name="options"/>.</summary>
    public SageMakerCreateEndpointConfig(string name, CreateEndpointConfigOptions options)
        : base(name, options, Supported, IntegrationArn.For("sagemaker", "createEndpointConfig", options?.IntegrationPattern ?? default), RequestOf(name, options!)) =>
        _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(string name, CreateEndpointConfigOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ProductionVariants is not { Count: > 0 })
            throw new ArgumentException($"'{name}' needs at least one production variant", nameof(options));
        return new RequestBuilder()
            .Add("EndpointConfigName", options.EndpointConfigName)
            .AddList("ProductionVariants", options.ProductionVariants, v => v.ToTaskInput())
            .Add("DataCaptureConfig", options.DataCaptureConfig?.ToTaskInput())
            .Add("KmsKeyId", options.KmsKeyId)
            .Add("Tags", SageMakerIam.Tags(options.Tags))
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements()
    {
        var config = SageMakerIam.Resource("endpoint-config", _options.EndpointConfigName);
        yield return PolicyStatement.Allow(config, _options.Tags is { Count: > 0 } ? ["sagemaker:CreateEndpointConfig", "sagemaker:AddTags"] : ["sagemaker:CreateEndpointConfig"]);
    }
}
