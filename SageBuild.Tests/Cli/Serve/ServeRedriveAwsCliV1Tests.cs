using SageBuild.Tests.Engine.Api;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Cli.Serve.AwsCliExecutionPolling;
using static SageBuild.Tests.Cli.Serve.ServeLifecycle;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// AWS CLI v1 <c>redrive-execution</c> against <c>sagebuild serve</c> as a child process: a callback task that failed is
/// redriven, runs again (a new task token) and succeeds, while the state before it is not run again.
/// </summary>
public sealed class ServeRedriveAwsCliV1Tests
{
    private const string Callback = """
        {"StartAt":"Prepare","States":{
          "Prepare":{"Type":"Pass","Result":{"ready":true},"Next":"Ask"},
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q","MessageBody":{"taskToken.$":"$$.Task.Token"}},"End":true}}}
        """;

    [Test]
    public async Task CLI_v1_redrives_a_failed_execution_to_SUCCEEDED_from_its_failed_state()
    {
        var cli = await AwsCli.GetAsync("v1");
        await using var serve = await ServeProcess.StartAsync();
        Task<ExternalProcess.Result> Aws(params string[] a) => cli.StepFunctionsAsync(serve.EndpointUrl, "AKIDANY", "any-secret", a);
        AwsCli.Json(await Aws("create-state-machine", "--name", "callback", "--definition", Callback, "--role-arn", RoleArn));
        var execution = AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("callback"))).GetProperty("executionArn").GetString()!;

        AwsCli.Json(await Aws("send-task-failure", "--task-token", await TokenAsync(Aws, execution, 1), "--error", "Reviewer.Rejected", "--cause", "try again"));
        var failed = await EndedAsync(Aws, execution);
        var redrive = AwsCli.Json(await Aws("redrive-execution", "--execution-arn", execution, "--client-token", "first-redrive"));
        var running = AwsCli.Json(await Aws("describe-execution", "--execution-arn", execution));
        AwsCli.Json(await Aws("send-task-success", "--task-token", await TokenAsync(Aws, execution, 2), "--task-output", """{"approved":true}"""));
        var succeeded = await EndedAsync(Aws, execution);
        var history = AwsCli.Json(await Aws("get-execution-history", "--execution-arn", execution)).GetProperty("events").EnumerateArray().ToList();
        var redriven = AwsCli.Json(await Aws("list-executions", "--state-machine-arn", StateMachineArn("callback"), "--redrive-filter", "REDRIVEN"));
        var again = await Aws("redrive-execution", "--execution-arn", execution);
        Assert.Multiple(() =>
        {
            Assert.That((failed.GetProperty("status").GetString(), failed.GetProperty("redriveStatus").GetString()), Is.EqualTo(("FAILED", "REDRIVABLE")));
            Assert.That(redrive.TryGetProperty("redriveDate", out _), Is.True, redrive.ToString());
            Assert.That((running.GetProperty("status").GetString(), running.GetProperty("redriveCount").GetInt32()), Is.EqualTo(("RUNNING", 1)));
            Assert.That(succeeded.GetProperty("status").GetString(), Is.EqualTo("SUCCEEDED"), succeeded.ToString());
            Assert.That(succeeded.GetProperty("output").GetString(), Is.EqualTo("""{"approved":true}"""));
            Assert.That(succeeded.GetProperty("redriveDate").GetDouble(), Is.EqualTo(redrive.GetProperty("redriveDate").GetDouble()));
            Assert.That(history.Count(e => e.GetProperty("type").GetString() == "PassStateEntered"), Is.EqualTo(1), "Prepare is not run again");
            Assert.That(history.Single(e => e.GetProperty("type").GetString() == "ExecutionRedriven").GetProperty("executionRedrivenEventDetails").GetProperty("redriveCount").GetInt32(), Is.EqualTo(1));
            Assert.That(redriven.GetProperty("executions").EnumerateArray().Select(e => e.GetProperty("executionArn").GetString()), Is.EqualTo(new[] { execution }));
            Assert.That(again.ExitCode, Is.EqualTo(cli.ServiceErrorExitCode), again.ToString());
            Assert.That(again.StandardError, Does.Contain("An error occurred (ExecutionNotRedrivable) when calling the RedriveExecution operation"));
        });
    }
}
