using System.Text.Json;
using SageBuild.Tests.Engine.Api;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Cli.Serve.ServeLifecycle;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// The AWS CLIs (v1 from pip, v2 from Debian) drive a whole lifecycle against <c>sagebuild serve</c> running as its
/// own process, exactly as a user points them at it with <c>--endpoint-url</c>.
/// </summary>
[TestFixture("v1")]
[TestFixture("v2")]
[Parallelizable(ParallelScope.Self)]
public sealed class ServeAwsCliTests(string major)
{
    private const string AccessKeyId = "AKIDSERVETEST";
    private const string Secret = "serve-test-secret";

    [Test]
    public async Task Create_start_describe_until_SUCCEEDED_history_list_stop_and_send_task_success()
    {
        var cli = await AwsCli.GetAsync(major);
        await using var serve = await ServeProcess.StartAsync();
        Task<ExternalProcess.Result> Aws(params string[] arguments) => cli.StepFunctionsAsync(serve.EndpointUrl, "AKIDANY", "any-secret", arguments);

        var created = AwsCli.Json(await Aws("create-state-machine", "--name", "quick", "--definition", Quick, "--role-arn", RoleArn));
        Assert.That(created.GetProperty("stateMachineArn").GetString(), Is.EqualTo(StateMachineArn("quick")));

        var started = AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("quick"), "--name", "run-1", "--input", """{"n":1}"""));
        var executionArn = started.GetProperty("executionArn").GetString()!;
        Assert.That(executionArn, Is.EqualTo(ExecutionArn("quick", "run-1")));

        var described = await AwsCliExecutionPolling.EndedAsync(Aws, executionArn, TimeSpan.FromSeconds(60));
        Assert.That(described.GetProperty("status").GetString(), Is.EqualTo("SUCCEEDED"), described.ToString());
        Assert.That(JsonDocument.Parse(described.GetProperty("output").GetString()!).RootElement.ToString(), Is.EqualTo("""{"echo":{"n":1},"done":true}"""));

        var history = AwsCli.Json(await Aws("get-execution-history", "--execution-arn", executionArn));
        Assert.That(history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[]
        {
            "ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
        }));

        var listed = AwsCli.Json(await Aws("list-executions", "--state-machine-arn", StateMachineArn("quick")));
        Assert.That(listed.GetProperty("executions").EnumerateArray().Select(e => (e.GetProperty("name").GetString(), e.GetProperty("status").GetString())),
            Is.EqualTo(new[] { ("run-1", "SUCCEEDED") }));

        AwsCli.Json(await Aws("create-state-machine", "--name", "hold", "--definition", Hold, "--role-arn", RoleArn));
        var holding = AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("hold"))).GetProperty("executionArn").GetString()!;
        AwsCli.Json(await Aws("stop-execution", "--execution-arn", holding, "--error", "Cancelled", "--cause", "by the test"));
        var stopped = AwsCli.Json(await Aws("describe-execution", "--execution-arn", holding));
        Assert.That((stopped.GetProperty("status").GetString(), stopped.GetProperty("error").GetString()), Is.EqualTo(("ABORTED", "Cancelled")));

        AwsCli.Json(await Aws("create-state-machine", "--name", "approval", "--definition", Approval, "--role-arn", RoleArn));
        var waiting = AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("approval"), "--input", """{"model":"m-7"}""")).GetProperty("executionArn").GetString()!;
        var token = await TaskTokenAsync(Aws, waiting);
        AwsCli.Json(await Aws("send-task-success", "--task-token", token, "--task-output", """{"approved":true}"""));
        var approved = await AwsCliExecutionPolling.EndedAsync(Aws, waiting, TimeSpan.FromSeconds(60));
        Assert.That((approved.GetProperty("status").GetString(), approved.GetProperty("output").GetString()), Is.EqualTo(("SUCCEEDED", """{"approved":true}""")));

        var unknown = await Aws("start-execution", "--state-machine-arn", StateMachineArn("nobody"));
        AssertError(cli, unknown, "StateMachineDoesNotExist", "StartExecution", $"State Machine Does Not Exist: '{StateMachineArn("nobody")}'");
        var broken = await Aws("create-state-machine", "--name", "broken", "--definition", Broken, "--role-arn", RoleArn);
        Assert.That(broken.ExitCode, Is.EqualTo(cli.ServiceErrorExitCode), broken.ToString());
        Assert.That(broken.StandardError.Trim(), Does.StartWith("An error occurred (InvalidDefinition) when calling the CreateStateMachine operation: Invalid State Machine Definition: '"));
    }

    [Test]
    public async Task With_credentials_signed_calls_pass_and_a_wrong_secret_is_refused()
    {
        var cli = await AwsCli.GetAsync(major);
        await using var serve = await ServeProcess.StartAsync("--credentials", $"{AccessKeyId}:{Secret}");
        Assert.That(serve.SignaturesRequired, Is.True);
        Assert.That(serve.DashboardUrl, Does.Contain("#token="), "the dashboard asks for the printed sign-in link");

        var created = await cli.StepFunctionsAsync(serve.EndpointUrl, AccessKeyId, Secret, "create-state-machine", "--name", "quick", "--definition", Quick, "--role-arn", RoleArn);
        Assert.That(AwsCli.Json(created).GetProperty("stateMachineArn").GetString(), Is.EqualTo(StateMachineArn("quick")));

        var refused = await cli.StepFunctionsAsync(serve.EndpointUrl, AccessKeyId, "not-the-secret", "list-state-machines");
        Assert.That(refused.ExitCode, Is.EqualTo(cli.ServiceErrorExitCode), refused.ToString());
        Assert.That(refused.StandardError, Does.Contain("(InvalidSignatureException) when calling the ListStateMachines operation: The request signature we calculated does not match"));
    }

    private static async Task<string> TaskTokenAsync(Func<string[], Task<ExternalProcess.Result>> aws, string executionArn)
    {
        // The task token travels in the SQS message; the history's TaskScheduled event holds that message.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var history = AwsCli.Json(await aws(["get-execution-history", "--execution-arn", executionArn]));
            if (history.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "TaskScheduled") || DateTimeOffset.UtcNow > deadline)
                return TaskTokenIn(history);
            await Task.Delay(200);
        }
    }

    private static void AssertError(AwsCli cli, ExternalProcess.Result result, string code, string operation, string message)
    {
        Assert.That(result.ExitCode, Is.EqualTo(cli.ServiceErrorExitCode), result.ToString());
        Assert.That(result.StandardError.Trim(), Is.EqualTo($"An error occurred ({code}) when calling the {operation} operation: {message}"));
    }
}
