using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Tests.Engine.Execution;

public sealed class TaskTests
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:score";

    private static string Fn(string asl) => asl.Replace("FN", FunctionArn, StringComparison.Ordinal);

    [Test]
    public async Task A_Lambda_function_ARN_returns_the_function_result_itself()
    {
        var (result, history) = await EngineHarness.RunAsync(
            Fn("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"FN","End":true}}}"""), """{"x":2}""",
            b => b.AddLambdaFunction("score", (payload, _) => ValueTask.FromResult<JsonValue>(JsonObject.Create(("doubled", ((JsonNumber)((JsonObject)payload)["x"]).Value * 2)))));
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"doubled":4}""")));
            Assert.That(EngineHarness.Types(history), Is.EqualTo("ExecutionStarted,TaskStateEntered,LambdaFunctionScheduled,LambdaFunctionStarted,LambdaFunctionSucceeded,TaskStateExited,ExecutionSucceeded"));
        });
    }

    [Test]
    public async Task The_lambda_invoke_integration_wraps_the_result_as_AWS_does()
    {
        var (result, history) = await EngineHarness.RunAsync(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"score","Payload":{"x":1}},"End":true}}}""", "{}",
            b => b.AddLambdaFunction(FunctionArn, (payload, _) => ValueTask.FromResult(payload)));
        var output = (JsonObject)result.Output!;
        var scheduled = (TaskScheduledEventDetails)history.Single(e => e.Type == HistoryEventType.TaskScheduled).Details!;
        Assert.Multiple(() =>
        {
            Assert.That(output["Payload"], Is.EqualTo(JsonValue.Parse("""{"x":1}""")));
            Assert.That(output["StatusCode"], Is.EqualTo((JsonValue)200));
            Assert.That((scheduled.ResourceType, scheduled.Resource, scheduled.Region), Is.EqualTo(("lambda", "invoke", "us-east-1")));
        });
    }

    [Test]
    public async Task A_failing_task_is_retried_with_backoff_and_then_succeeds()
    {
        var calls = 0;
        var (result, history) = await EngineHarness.RunAsync(
            Fn("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"FN","Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":2,"MaxAttempts":3}],"End":true}}}"""), "{}",
            b => b.AddLambdaFunction("score", (_, _) => ++calls < 3 ? throw new LambdaFunctionException("Flaky", "try again") : ValueTask.FromResult<JsonValue>("ok")));
        var scheduled = history.Where(e => e.Type == HistoryEventType.LambdaFunctionScheduled).Select(e => e.Timestamp).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo(JsonValue.FromString("ok")));
            Assert.That(scheduled, Has.Count.EqualTo(3));
            Assert.That(scheduled[1] - scheduled[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(scheduled[2] - scheduled[1], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(4)));
        });
    }

    [Test]
    public async Task MaxAttempts_zero_never_retries_and_a_Catch_passes_the_error_output_on()
    {
        var calls = 0;
        var (result, _) = await EngineHarness.RunAsync(
            Fn("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"FN","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":0}],
              "Catch":[{"ErrorEquals":["Model.Diverged"],"Next":"Recover"}],"End":true},"Recover":{"Type":"Pass","End":true}}}
            """), "{}",
            b => b.AddLambdaFunction("score", (_, _) => { calls++; throw new LambdaFunctionException("Model.Diverged", "loss is NaN"); }));
        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(1));
            Assert.That(((JsonObject)result.Output!)["Error"], Is.EqualTo(JsonValue.FromString("Model.Diverged")));
            Assert.That(((JsonString)((JsonObject)result.Output!)["Cause"]).Value, Does.Contain("loss is NaN"));
        });
    }

    [Test]
    public async Task A_task_over_its_TimeoutSeconds_fails_with_States_Timeout()
    {
        var (result, history) = await EngineHarness.RunAsync(
            Fn("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"FN","TimeoutSeconds":1,"End":true}}}"""), "{}",
            b => b.AddLambdaFunction("score", async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return JsonNull.Instance; }));
        Assert.Multiple(() =>
        {
            Assert.That((result.Status, result.Error), Is.EqualTo((ExecutionStatus.FAILED, "States.Timeout")));
            Assert.That(history.Select(e => e.Type), Does.Contain(HistoryEventType.LambdaFunctionTimedOut));
        });
    }

    [Test]
    public async Task A_waitForTaskToken_task_waits_for_SendTaskSuccess()
    {
        var tokens = new TokenCatcher();
        await using var engine = new EngineBuilder().AddIntegration(tokens).Build();
        var machine = engine.CreateStateMachine("Approval", AslJson.Parse("""{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}"""));
        var started = await engine.StartExecutionAsync(machine.StateMachineArn);
        var token = await tokens.Token.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await engine.SendTaskHeartbeatAsync(token);
        await engine.SendTaskSuccessAsync(token, JsonValue.Parse("""{"approved":true}"""));
        var result = await engine.WaitForExecutionAsync(started.ExecutionArn);
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"approved":true}""")));
            Assert.That(async () => await engine.SendTaskSuccessAsync(token, JsonObject.Empty), Throws.TypeOf<StepFunctionsException>().With.Property(nameof(StepFunctionsException.Code)).EqualTo("TaskTimedOut"), "a token whose task has ended is TaskTimedOut, as AWS");
        });
    }

    [Test]
    public async Task A_waitForTaskToken_task_without_heartbeats_fails_with_States_HeartbeatTimeout()
    {
        var tokens = new TokenCatcher();
        var (result, _) = await EngineHarness.RunAsync(
            """{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","HeartbeatSeconds":1,"End":true}}}""", "{}",
            b => b.AddIntegration(tokens));
        Assert.That((result.Status, result.Error), Is.EqualTo((ExecutionStatus.FAILED, "States.HeartbeatTimeout")));
    }

    [Test]
    public async Task Heartbeats_keep_a_task_alive_past_its_HeartbeatSeconds_and_a_timed_out_token_answers_TaskTimedOut()
    {
        var tokens = new TokenCatcher();
        await using var engine = new EngineBuilder().AddIntegration(tokens).Build();
        var machine = engine.CreateStateMachine("Beat", AslJson.Parse("""{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","HeartbeatSeconds":1,"End":true}}}"""));
        var started = await engine.StartExecutionAsync(machine.StateMachineArn);
        var token = await tokens.Token.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Three beats 0.6 s apart carry the task to about 1.8 s, well past its 1 s HeartbeatSeconds.
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(600);
            await engine.SendTaskHeartbeatAsync(token);
        }

        var stillRunning = (await engine.DescribeExecutionAsync(started.ExecutionArn)).Status;
        var result = await engine.WaitForExecutionAsync(started.ExecutionArn).WaitAsync(TimeSpan.FromSeconds(10));
        StepFunctionsException Refusal(Func<Task> send) => Assert.ThrowsAsync<StepFunctionsException>(async () => await send())!;
        Assert.Multiple(() =>
        {
            Assert.That(stillRunning, Is.EqualTo(ExecutionStatus.RUNNING), "heartbeats reset HeartbeatSeconds");
            Assert.That((result.Status, result.Error), Is.EqualTo((ExecutionStatus.FAILED, "States.HeartbeatTimeout")));
            Assert.That(Refusal(() => engine.SendTaskSuccessAsync(token, JsonObject.Empty)).Code, Is.EqualTo("TaskTimedOut"));
            Assert.That(Refusal(() => engine.SendTaskFailureAsync(token)).Code, Is.EqualTo("TaskTimedOut"));
            Assert.That(Refusal(() => engine.SendTaskHeartbeatAsync(token)).Code, Is.EqualTo("TaskTimedOut"));
            Assert.That(Refusal(() => engine.SendTaskHeartbeatAsync("never-handed-out")).Code, Is.EqualTo("TaskDoesNotExist"));
        });
    }

    [Test]
    public async Task A_waitForTaskToken_task_without_HeartbeatSeconds_times_out_with_States_Timeout_never_HeartbeatTimeout()
    {
        var tokens = new TokenCatcher();
        var (result, _) = await EngineHarness.RunAsync(
            """{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","TimeoutSeconds":1,"End":true}}}""", "{}",
            b => b.AddIntegration(tokens));
        Assert.That((result.Status, result.Error), Is.EqualTo((ExecutionStatus.FAILED, "States.Timeout")));
    }

    [Test]
    public async Task A_task_whose_resource_has_no_integration_fails_saying_which()
    {
        var (result, _) = await EngineHarness.RunAsync("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun.sync","End":true}}}""");
        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo("States.Runtime"));
            Assert.That(result.Cause, Does.Contain("glue:startJobRun").And.Contain("'T'"));
        });
    }

    /// <summary>An SQS stand-in that hands the task token to the test, as a queue consumer would get it.</summary>
    private sealed class TokenCatcher : IServiceIntegration
    {
        public TaskCompletionSource<string> Token { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyCollection<string> Keys { get; } = ["sqs:sendMessage"];

        public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.WaitForTaskToken];

        public ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
        {
            Token.TrySetResult(request.Context.TaskToken!);
            return ValueTask.FromResult(IntegrationOutcome.Success(JsonObject.Create(("MessageId", "m-1"))));
        }
    }
}
