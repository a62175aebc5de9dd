using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>
/// Starts a SageMaker training job (<c>arn:aws:states:::sagemaker:createTrainingJob</c>); with
/// <see cref="IntegrationPattern.RunJob"/> (<c>.sync</c>) the task waits for the job and returns its description.
/// </summary>
public sealed class SageMakerCreateTrainingJob : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse, IntegrationPattern.RunJob];
    private readonly CreateTrainingJobOptions _options;

    /// <summary>A task named <paramref name="name"/> that starts the training job in <paramref name="options"/>.</summary>
    public SageMakerCreateTrainingJob(string name, CreateTrainingJobOptions options)
        : base(name, options, Supported, IntegrationArn.For("sagemaker", "createTrainingJob", options?.IntegrationPattern ?? default), RequestOf(name, options!)) =>
        _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(string name, CreateTrainingJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RequestBuilder()
            .Add("TrainingJobName", options.TrainingJobName)
            .Add("AlgorithmSpecification", options.AlgorithmSpecification?.ToTaskInput(name) ?? throw new ArgumentException($"'{name}' needs an AlgorithmSpecification", nameof(options)))
            .Add("RoleArn", options.RoleArn)
            .AddMap("HyperParameters", options.HyperParameters)
            .AddList("InputDataConfig", options.InputDataConfig.Count == 0 ? null : options.InputDataConfig, c => c.ToTaskInput())
            .Add("OutputDataConfig", options.OutputDataConfig.ToTaskInput())
            .Add("ResourceConfig", options.ResourceConfig.ToTaskInput())
            .Add("StoppingCondition", options.StoppingCondition.ToTaskInput())
            .AddMap("Environment", options.Environment)
            .Add("EnableManagedSpotTraining", options.EnableManagedSpotTraining)
            .Add("Tags", SageMakerIam.Tags(options.Tags))
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements()
    {
        // .sync describes the job until it ends and stops it when the execution is stopped.
        var job = SageMakerIam.Resource("training-job", _options.TrainingJobName);
        string[] actions = IntegrationPattern == IntegrationPattern.RunJob
            ? ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"]
            : ["sagemaker:CreateTrainingJob"];
        yield return PolicyStatement.Allow(job, [.. actions, .. _options.Tags is { Count: > 0 } ? ["sagemaker:AddTags"] : Array.Empty<string>()]);
        yield return SageMakerIam.PassRole(_options.RoleArn);
        if (IntegrationPattern == IntegrationPattern.RunJob)
            yield return SageMakerIam.SyncRule("StepFunctionsGetEventsForSageMakerTrainingJobsRule");
    }
}
