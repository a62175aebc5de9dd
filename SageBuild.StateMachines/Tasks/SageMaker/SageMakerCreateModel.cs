using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>Creates a SageMaker model from one container or an inference pipeline (<c>arn:aws:states:::sagemaker:createModel</c>).</summary>
public sealed class SageMakerCreateModel : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse];
    private readonly CreateModelOptions _options;

    /// <summary>A task named <paramref name="name"/> that creates the model in <paramref name="options"/>.</summary>
    public SageMakerCreateModel(string name, CreateModelOptions options)
        : base(name, options, Supported, IntegrationArn.For("sagemaker", "createModel", options?.IntegrationPattern ?? default), RequestOf(name, options!)) =>
        _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(string name, CreateModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PrimaryContainer is null == options.Containers is null)
            throw new ArgumentException($"'{name}' needs exactly one of PrimaryContainer and Containers", nameof(options));
        if (options.Containers is { Count: 0 })
            throw new ArgumentException($"'{name}' has an empty Containers list", nameof(options));
        return new RequestBuilder()
            .Add("ModelName", options.ModelName)
            .Add("PrimaryContainer", options.PrimaryContainer?.ToTaskInput())
            .AddList("Containers", options.Containers, c => c.ToTaskInput())
            .Add("InferenceExecutionConfig", options.InferenceExecutionMode is { } mode ? TaskInput.FromObject(("Mode", mode.ToString())) : null)
            .Add("ExecutionRoleArn", options.ExecutionRoleArn)
            .Add("EnableNetworkIsolation", options.EnableNetworkIsolation)
            .Add("Tags", SageMakerIam.Tags(options.Tags))
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements()
    {
        var model = SageMakerIam.Resource("model", _options.ModelName);
        yield return PolicyStatement.Allow(model, _options.Tags is { Count: > 0 } ? ["sagemaker:CreateModel", "sagemaker:AddTags"] : ["sagemaker:CreateModel"]);
        yield return SageMakerIam.PassRole(_options.ExecutionRoleArn);
    }
}
