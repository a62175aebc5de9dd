using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>
/// Starts a hyperparameter tuning job (<c>arn:aws:states:::sagemaker:createHyperParameterTuningJob</c>); with
/// <see cref="IntegrationPattern.RunJob"/> the task waits for it and returns its description, best job included.
/// </summary>
public sealed class SageMakerCreateHyperParameterTuningJob : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse, IntegrationPattern.RunJob];
    private readonly CreateHyperParameterTuningJobOptions _options;

    /// <summary>A task named <paramref name="name"/> that starts the tuning job in <paramref name="options"/>.</summary>
    public SageMakerCreateHyperParameterTuningJob(string name, CreateHyperParameterTuningJobOptions options)
        : base(name, options, Supported, IntegrationArn.For("sagemaker", "createHyperParameterTuningJob", options?.IntegrationPattern ?? default), RequestOf(name, options!)) =>
        _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(string name, CreateHyperParameterTuningJobOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var ranges = new RequestBuilder()
            .AddList("IntegerParameterRanges", o.IntegerParameterRanges.Count == 0 ? null : o.IntegerParameterRanges, r => r.ToTaskInput())
            .AddList("ContinuousParameterRanges", o.ContinuousParameterRanges.Count == 0 ? null : o.ContinuousParameterRanges, r => r.ToTaskInput())
            .AddList("CategoricalParameterRanges", o.CategoricalParameterRanges.Count == 0 ? null : o.CategoricalParameterRanges, r => r.ToTaskInput())
            .Build();
        var config = new RequestBuilder()
            .Add("Strategy", o.Strategy.ToString())
            .Add("HyperParameterTuningJobObjective", TaskInput.FromObject(("Type", o.ObjectiveType.ToString()), ("MetricName", o.ObjectiveMetricName)))
            .Add("ResourceLimits", TaskInput.FromObject(("MaxNumberOfTrainingJobs", o.MaxNumberOfTrainingJobs), ("MaxParallelTrainingJobs", o.MaxParallelTrainingJobs)))
            .Add("ParameterRanges", ranges)
            .Build();

        // The tuning API's algorithm shape (HyperParameterAlgorithmSpecification) has no EnableSageMakerMetricsTimeSeries and the like: the shared record renders only its fields.
        var definition = new RequestBuilder()
            .AddMap("StaticHyperParameters", o.StaticHyperParameters)
            .Add("AlgorithmSpecification", o.AlgorithmSpecification?.ToTaskInput(name) ?? throw new ArgumentException($"'{name}' needs an AlgorithmSpecification", nameof(o)))
            .Add("RoleArn", o.RoleArn)
            .AddList("InputDataConfig", o.InputDataConfig.Count == 0 ? null : o.InputDataConfig, c => c.ToTaskInput())
            .Add("OutputDataConfig", o.OutputDataConfig.ToTaskInput())
            .Add("ResourceConfig", o.ResourceConfig.ToTaskInput())
            .Add("StoppingCondition", o.StoppingCondition.ToTaskInput())
            .Build();
        var warmStart = o.ParentHyperParameterTuningJobs is { Count: > 0 } parents
            ? TaskInput.FromObject(
                ("ParentHyperParameterTuningJobs", TaskInput.FromArray(parents.Select(p => TaskInput.FromObject(("HyperParameterTuningJobName", p))).ToArray())),
                ("WarmStartType", o.WarmStartType.ToString()))
            : null;
        return new RequestBuilder()
            .Add("HyperParameterTuningJobName", o.HyperParameterTuningJobName)
            .Add("HyperParameterTuningJobConfig", config)
            .Add("TrainingJobDefinition", definition)
            .Add("WarmStartConfig", warmStart)
            .Add("Tags", SageMakerIam.Tags(o.Tags))
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements()
    {
        var job = SageMakerIam.Resource("hyper-parameter-tuning-job", _options.HyperParameterTuningJobName);
        string[] actions = IntegrationPattern == IntegrationPattern.RunJob
            ? ["sagemaker:CreateHyperParameterTuningJob", "sagemaker:DescribeHyperParameterTuningJob", "sagemaker:StopHyperParameterTuningJob", "sagemaker:ListTrainingJobsForHyperParameterTuningJob"]
            : ["sagemaker:CreateHyperParameterTuningJob"];
        yield return PolicyStatement.Allow(job, [.. actions, .. _options.Tags is { Count: > 0 } ? ["sagemaker:AddTags"] : Array.Empty<string>()]);
        yield return SageMakerIam.PassRole(_options.RoleArn);
        if (IntegrationPattern == IntegrationPattern.RunJob)
            yield return SageMakerIam.SyncRule("StepFunctionsGetEventsForSageMakerTuningJobsRule");
    }
}
