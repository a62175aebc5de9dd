using SageBuild.Functions.Configuration;
using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;
using SageBuild.StateMachines.Tasks.DynamoDb;
using SageBuild.StateMachines.Tasks.Lambda;
using SageBuild.StateMachines.Tasks.Sns;

namespace SageBuild.Functions.Pipeline;

/// <summary>
/// Builds the pipeline's states. The state data is one document: <c>$.event</c> (what started the build),
/// <c>$.pipeline</c> (the deployment), <c>$.trigger</c>, <c>$.settings</c> (configuration and decisions), <c>$.build</c>,
/// <c>$.plan</c>, <c>$.trained</c>, <c>$.gate</c>, <c>$.modelPlan</c>, <c>$.endpointPlan</c>, <c>$.deployment</c>,
/// <c>$.endpoint</c>, <c>$.failed.{State}</c> (the catch-all's error, keyed by the failing state) and <c>$.outcome</c>.
/// </summary>
internal sealed partial class PipelineStates
{
    private const string ConditionalCheckFailed = "DynamoDB.ConditionalCheckFailedException";
    private readonly PipelineOptions _o;
    private readonly PipelineConfiguration _shape;
    private readonly string _prefix;
    private readonly StateNode _finish;
    private readonly StateNode _failure;

    public PipelineStates(PipelineOptions options, PipelineConfiguration shape)
    {
        _o = options;
        _shape = shape;
        _prefix = options.EffectiveNamePrefix;
        _finish = FinishBuild().StartState;
        _failure = FailureReport().StartState;
    }

    /// <summary>
    /// Every AWS task: retried on throttling and transient errors, then its own expected errors go to their handlers
    /// (<paramref name="expected"/>, tried first), and anything else to the failure report.
    /// </summary>
    private T Guarded<T>(T task, params (string Error, IChainable Handler, string? ResultPath)[] expected)
        where T : RetryableStateNode
    {
        task.AddRetry(Retries.TransientAws);
        foreach (var (error, handler, resultPath) in expected)
            task.AddCatch(handler, new CatcherOptions { ErrorEquals = [error], ResultPath = resultPath ?? JsonPath.DiscardResult });
        task.AddCatch(_failure, new CatcherOptions { ResultPath = $"$.failed.{task.Name}" });
        return task;
    }

    /// <summary>A pure step of ours (or the user's replacement), its result's <paramref name="keys"/> placed at <paramref name="resultPath"/>.</summary>
    private LambdaInvoke Step(string name, string handler, TaskInput payload, string resultPath, string? functionOverride, params string[] keys) =>
        Guarded(new LambdaInvoke(name, new LambdaInvokeOptions
        {
            FunctionName = functionOverride ?? _o.FunctionName(handler),
            Payload = payload,
            ResultSelector = TaskInput.FromObject(keys.Select(k => (k, (TaskInput)JsonPath.ValueAt($"$.Payload.{k}"))).ToArray()),
            ResultPath = resultPath,
            TimeoutSeconds = 60,
        }));

    private static TaskInput Path(string path) => JsonPath.ValueAt(path);

    /// <summary>The parts of the state every config step reads.</summary>
    private static (string, TaskInput)[] StepInput => [("config", Path("$.settings.config")), ("pipeline", Path("$.pipeline")), ("build", Path("$.build"))];

    /// <summary>A name the definition builds from the stack's literal prefix, so the IAM grants can be scoped to it.</summary>
    private Field<string> Named(string suffixPath) => JsonPath.Format(_prefix + "{}", suffixPath);

    private static Dictionary<string, DynamoAttributeValue> Key(string pk) => new() { ["pk"] = DynamoAttributeValue.FromString(pk) };

    private DynamoPutItem PutItem(string name, string itemPath, IReadOnlyList<string> attributes) => Guarded(new DynamoPutItem(name, new DynamoPutItemOptions
    {
        TableName = _o.LedgerTableName,
        Item = attributes.ToDictionary(a => a, a => DynamoAttributeValue.FromWireValue(JsonPath.ValueAt($"{itemPath}.{a}"))),
        ResultPath = JsonPath.DiscardResult,
    }));

    private SnsPublish Publish(string name) => Guarded(new SnsPublish(name, new SnsPublishOptions
    {
        TopicArn = _o.StatusTopicArn,
        Subject = JsonPath.StringAt("$.notification.subject"),
        Message = JsonPath.StringAt("$.notification.message"),
        ResultPath = JsonPath.DiscardResult,
    }));

    /// <summary>A SageMaker call through the AWS SDK integration, on resources named with the stack's prefix.</summary>
    private CallAwsService SageMakerCall(string name, string action, string resourceType, TaskInput parameters, string? resultPath = null) => new(name, new CallAwsServiceOptions
    {
        Service = "sagemaker",
        Action = action,
        Parameters = parameters,
        IamResources = [Arn.SageMaker($"{resourceType}/{_prefix.ToLowerInvariant()}*")],
        ResultPath = resultPath ?? JsonPath.DiscardResult,
    });

    private string EndpointArn => Arn.SageMaker($"endpoint/{_o.EndpointName.ToLowerInvariant()}");

    private static Pass Outcome(string name, string status) => new(name, new PassOptions
    {
        Parameters = TaskInput.FromObject(("status", status), ("summary", JsonPath.StringAt("$.notification.summary"))),
        ResultPath = "$.outcome",
    });

    private static Pass Note(string name, string path, JsonValue value) => new(name, new PassOptions { Result = value, ResultPath = path });
}
