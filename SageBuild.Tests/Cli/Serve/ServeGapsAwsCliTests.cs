using System.Text.Json;
using SageBuild.Tests.Engine.Api;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Cli.Serve.ServeLifecycle;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// The AWS CLI v2 against <c>sagebuild serve</c> as a child process: the open-executions limit, a state machine's
/// attributes across a <c>--data-dir</c> restart, and late task-token callbacks, as a user would meet them.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ServeGapsAwsCliTests
{
    /// <summary>A callback task that gives up after a second.</summary>
    private const string Impatient = """
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q","MessageBody":{"taskToken.$":"$$.Task.Token"}},
          "TimeoutSeconds":1,"End":true}}}
        """;

    [Test]
    public async Task The_open_executions_limit_holds_and_a_machines_text_and_tags_survive_a_restart()
    {
        var cli = await AwsCli.GetAsync("v2");
        using var data = new TemporaryDirectory();
        string[] arguments = ["--data-dir", data.Path, "--max-open-executions", "1"];
        string first;
        await using (var serve = await ServeProcess.StartAsync(arguments))
        {
            Task<ExternalProcess.Result> Aws(params string[] a) => cli.StepFunctionsAsync(serve.EndpointUrl, "AKIDANY", "any-secret", a);
            AwsCli.Json(await Aws("create-state-machine", "--name", "hold", "--definition", Hold, "--role-arn", RoleArn, "--tags", """[{"key":"team","value":"ml"}]"""));
            first = AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("hold"))).GetProperty("executionArn").GetString()!;
            AssertRefused(cli, await Aws("start-execution", "--state-machine-arn", StateMachineArn("hold")), "ExecutionLimitExceeded", "StartExecution");
            Assert.That(await serve.StopAsync(), Is.Zero);
        }

        await using (var serve = await ServeProcess.StartAsync(arguments))
        {
            Task<ExternalProcess.Result> Aws(params string[] a) => cli.StepFunctionsAsync(serve.EndpointUrl, "AKIDANY", "any-secret", a);
            var described = AwsCli.Json(await Aws("describe-state-machine", "--state-machine-arn", StateMachineArn("hold")));
            var tags = AwsCli.Json(await Aws("list-tags-for-resource", "--resource-arn", StateMachineArn("hold")));
            Assert.Multiple(() =>
            {
                Assert.That(serve.ResumedExecutions, Is.EqualTo(1));
                Assert.That(described.GetProperty("definition").GetString(), Is.EqualTo(Hold), "the text as sent, spaces and all");
                Assert.That(tags.GetProperty("tags").ToString(), Is.EqualTo("""[{"key":"team","value":"ml"}]""").IgnoreWhiteSpace);
            });
            // The resumed execution still holds the only place.
            AssertRefused(cli, await Aws("start-execution", "--state-machine-arn", StateMachineArn("hold")), "ExecutionLimitExceeded", "StartExecution");
            AwsCli.Json(await Aws("stop-execution", "--execution-arn", first));
            AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("hold")));
        }
    }

    [Test]
    public async Task A_callback_after_its_task_timed_out_is_TaskTimedOut_and_an_unknown_token_TaskDoesNotExist()
    {
        var cli = await AwsCli.GetAsync("v2");
        await using var serve = await ServeProcess.StartAsync();
        Task<ExternalProcess.Result> Aws(params string[] a) => cli.StepFunctionsAsync(serve.EndpointUrl, "AKIDANY", "any-secret", a);
        AwsCli.Json(await Aws("create-state-machine", "--name", "impatient", "--definition", Impatient, "--role-arn", RoleArn));
        var execution = AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("impatient"))).GetProperty("executionArn").GetString()!;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        JsonElement described;
        do
        {
            await Task.Delay(200);
            described = AwsCli.Json(await Aws("describe-execution", "--execution-arn", execution));
        }
        while (described.GetProperty("status").GetString() == "RUNNING" && DateTimeOffset.UtcNow < deadline);

        Assert.That((described.GetProperty("status").GetString(), described.GetProperty("error").GetString()), Is.EqualTo(("FAILED", "States.Timeout")));
        var token = TaskTokenIn(AwsCli.Json(await Aws("get-execution-history", "--execution-arn", execution)));
        AssertRefused(cli, await Aws("send-task-success", "--task-token", token, "--task-output", "{}"), "TaskTimedOut", "SendTaskSuccess");
        AssertRefused(cli, await Aws("send-task-heartbeat", "--task-token", token), "TaskTimedOut", "SendTaskHeartbeat");
        AssertRefused(cli, await Aws("send-task-failure", "--task-token", "never-handed-out"), "TaskDoesNotExist", "SendTaskFailure");
    }

    private static void AssertRefused(AwsCli cli, ExternalProcess.Result result, string code, string operation)
    {
        Assert.That(result.ExitCode, Is.EqualTo(cli.ServiceErrorExitCode), result.ToString());
        Assert.That(result.StandardError, Does.Contain($"An error occurred ({code}) when calling the {operation} operation"));
    }
}
