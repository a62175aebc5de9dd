using SageBuild.Tests.Engine.Api;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Cli.Serve.AwsCliExecutionPolling;
using static SageBuild.Tests.Cli.Serve.ServeLifecycle;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// What <c>sagebuild serve --data-dir</c> remembers across a crash (SIGKILL) and restart, through the AWS CLI v1: a
/// callback for a token whose task was answered is TaskTimedOut, not TaskDoesNotExist, and a repeated redrive
/// clientToken gets its first answer instead of redriving the (again failed) execution a second time.
/// </summary>
public sealed class ServeDurableTokensAwsCliV1Tests
{
    private const string Callback = """
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q","MessageBody":{"taskToken.$":"$$.Task.Token"}},"End":true}}}
        """;

    [Test]
    public async Task Durable_task_tokens_and_redrive_clientTokens_survive_a_killed_server()
    {
        var cli = await AwsCli.GetAsync("v1");
        using var data = new TemporaryDirectory();
        string execution, answered, redriveDate;
        await using (var serve = await ServeProcess.StartAsync("--data-dir", data.Path))
        {
            Task<ExternalProcess.Result> Aws(params string[] a) => cli.StepFunctionsAsync(serve.EndpointUrl, "AKIDANY", "any-secret", a);
            AwsCli.Json(await Aws("create-state-machine", "--name", "callback", "--definition", Callback, "--role-arn", RoleArn));
            execution = AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("callback"))).GetProperty("executionArn").GetString()!;
            answered = await TokenAsync(Aws, execution, 1);
            AwsCli.Json(await Aws("send-task-failure", "--task-token", answered, "--error", "Reviewer.Rejected"));
            Assert.That((await EndedAsync(Aws, execution)).GetProperty("status").GetString(), Is.EqualTo("FAILED"));
            redriveDate = AwsCli.Json(await Aws("redrive-execution", "--execution-arn", execution, "--client-token", "redrive-once")).GetProperty("redriveDate").ToString();
            AwsCli.Json(await Aws("send-task-failure", "--task-token", await TokenAsync(Aws, execution, 2), "--error", "Reviewer.Rejected"));
            Assert.That((await EndedAsync(Aws, execution)).GetProperty("status").GetString(), Is.EqualTo("FAILED"), "failed again: redrivable again");
            await serve.KillAsync();
        }

        await using (var serve = await ServeProcess.StartAsync("--data-dir", data.Path))
        {
            Task<ExternalProcess.Result> Aws(params string[] a) => cli.StepFunctionsAsync(serve.EndpointUrl, "AKIDANY", "any-secret", a);
            var late = await Aws("send-task-success", "--task-token", answered, "--task-output", "{}");
            var unknown = await Aws("send-task-heartbeat", "--task-token", "never-handed-out");
            var repeated = AwsCli.Json(await Aws("redrive-execution", "--execution-arn", execution, "--client-token", "redrive-once"));
            var described = AwsCli.Json(await Aws("describe-execution", "--execution-arn", execution));
            Assert.Multiple(() =>
            {
                Assert.That(late.StandardError, Does.Contain("An error occurred (TaskTimedOut) when calling the SendTaskSuccess operation"), late.ToString());
                Assert.That(unknown.StandardError, Does.Contain("An error occurred (TaskDoesNotExist) when calling the SendTaskHeartbeat operation"), unknown.ToString());
                Assert.That(repeated.GetProperty("redriveDate").ToString(), Is.EqualTo(redriveDate), "the first redrive's answer");
                Assert.That((described.GetProperty("status").GetString(), described.GetProperty("redriveCount").GetInt32()), Is.EqualTo(("FAILED", 1)), "not redriven again");
            });
        }
    }
}
