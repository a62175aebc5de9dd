using SageBuild.Functions.Aws;
using SageBuild.Functions.Handlers.Core;
using SageBuild.Functions.Pipeline;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers;

/// <summary>
/// The launch topic's subscriber and the EventBridge rules' target in AWS: it starts one execution of the pipeline per
/// trigger (each message of the launch topic, a CodeCommit push, new data, the schedule) with the trigger's event as
/// the input, and the pipeline queues and coalesces from there (its build lock: one build at a time, at most one
/// pending, nothing dropped). The execution is named after the trigger's own id (<c>sns-{MessageId}</c>,
/// <c>codecommit-{event id}</c>), so the retries Lambda and EventBridge make after a failure start no second build.
/// </summary>
public sealed class StartBuildFunction
{
    private readonly DeployedPipeline _pipeline;

    /// <summary>The Lambda runtime's constructor: the state machine <c>SAGEBUILD_STATE_MACHINE_ARN</c> names, with the function role's credentials.</summary>
    public StartBuildFunction()
        : this(DeployedPipeline.FromEnvironment(Environment.GetEnvironmentVariable)
            ?? throw new InvalidOperationException($"{LambdaVariables.StateMachineArn} is not set: the start-build function starts executions of the pipeline's state machine"))
    {
    }

    /// <summary>A function that starts builds of <paramref name="pipeline"/>.</summary>
    public StartBuildFunction(DeployedPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
    }

    /// <summary>The deployed function's short name.</summary>
    public const string Name = "start-build";

    /// <summary>What the function does.</summary>
    public const string Description = "Starts a pipeline execution for each launch-topic message and EventBridge trigger; the pipeline queues and coalesces.";

    /// <summary>The managed runtime's handler string.</summary>
    public static string HandlerString => $"{typeof(StartBuildFunction).Assembly.GetName().Name}::{typeof(StartBuildFunction).FullName}::{nameof(InvokeAsync)}";

    /// <summary>What the function's role may do: start executions of the pipeline's state machine, nothing else.</summary>
    public static IReadOnlyList<PolicyStatement> Permissions(PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [PolicyStatement.Allow(Arn.StateMachine(options.StateMachineName), "states:StartExecution")];
    }

    /// <summary>The Lambda entry point.</summary>
    public async Task<Stream> InvokeAsync(Stream input) => LambdaStreams.Write(await HandleAsync(await LambdaStreams.ReadAsync(input)));

    /// <summary>
    /// Starts the builds <paramref name="triggerEvent"/> asks for; <c>{"started": [{"executionArn", "name", "isNew"}]}</c>.
    /// A failed start throws, so Lambda tries the event again (the names make that safe).
    /// </summary>
    public async Task<JsonObject> HandleAsync(JsonValue triggerEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triggerEvent);
        var started = new List<JsonValue>();
        foreach (var (name, input) in Plan(triggerEvent))
        {
            var start = await _pipeline.StartBuildAsync(input, name, cancellationToken);
            started.Add(JsonObject.Create(("executionArn", start.ExecutionArn), ("name", start.Name), ("isNew", start.IsNew)));
        }

        return JsonObject.Create(("started", JsonArray.Create(started)));
    }

    /// <summary>The executions to start for <paramref name="triggerEvent"/>: their names and inputs.</summary>
    internal static IReadOnlyList<(string Name, JsonValue Input)> Plan(JsonValue triggerEvent)
    {
        // SNS: each message is a trigger of its own (a burst of them coalesces in the pipeline, newest first).
        if (JsonRead.Array(triggerEvent, "Records") is { Count: > 0 } records && records.All(r => JsonRead.ObjectOrNull(r, "Sns") is not null))
        {
            return [.. records.OfType<JsonObject>().Select(record => (
                ExecutionNames.For("sns", JsonRead.StringOrNull(record, "Sns.MessageId") ?? throw new ArgumentException("an SNS record has no Sns.MessageId")),
                (JsonValue)JsonObject.Create(("Records", JsonArray.Create([record])))))];
        }

        // EventBridge: the event's id is unique per event and kept across EventBridge's own retries.
        if (JsonRead.StringOrNull(triggerEvent, "detail-type") is not null && JsonRead.StringOrNull(triggerEvent, "id") is { } id)
        {
            var kind = JsonRead.StringOrNull(triggerEvent, "source") switch
            {
                "aws.codecommit" => "codecommit",
                "aws.s3" => "s3",
                "aws.events" => "schedule",
                _ => "event",
            };
            return [(ExecutionNames.For(kind, id), triggerEvent)];
        }

        // Invoked directly (aws lambda invoke) with a build request: the caller sees the answer, so nothing to deduplicate.
        return [(ExecutionNames.For("manual", Guid.NewGuid().ToString("N")), triggerEvent)];
    }
}
