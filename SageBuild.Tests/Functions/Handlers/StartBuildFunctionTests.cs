using System.Text;
using SageBuild.Functions.Handlers;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Functions.Aws;

namespace SageBuild.Tests.Functions.Handlers;

/// <summary>
/// The start-build function through the managed runtime's entry point (<c>Stream</c> in and out), starting executions on
/// our signature-checking API host the way it starts them in AWS: one per trigger, named after the trigger's id.
/// </summary>
public sealed class StartBuildFunctionTests
{
    private const string LaunchEvent = """
        {"Records": [
          {"EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:sagebuild-dev-launch:2bcfbf39",
           "Sns": {"Type": "Notification", "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e", "TopicArn": "arn:aws:sns:us-east-1:123456789012:sagebuild-dev-launch",
                   "Subject": "retrain", "Message": "{\"commit\": \"5e2b1c0d9a8f\", \"reason\": \"new labels\"}", "Timestamp": "2026-11-25T09:05:00.000Z",
                   "SignatureVersion": "1", "MessageAttributes": {}}}]}
        """;

    private const string CodeCommitEvent = """
        {"version": "0", "id": "3f1c9a44-6d2e-4b1a-9c55-0e8f2b7d1a90", "detail-type": "CodeCommit Repository State Change", "source": "aws.codecommit",
         "account": "123456789012", "time": "2026-11-25T09:59:00Z", "region": "us-east-1", "resources": ["arn:aws:codecommit:us-east-1:123456789012:sagebuild-models"],
         "detail": {"commitId": "7a7b7c7d", "event": "referenceUpdated", "referenceFullName": "refs/heads/dev", "referenceName": "dev", "referenceType": "branch", "repositoryName": "sagebuild-models"}}
        """;

    private static async Task<JsonObject> InvokeAsync(StartBuildFunction function, string triggerEvent)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(triggerEvent));
        await using var output = await function.InvokeAsync(input);
        return (JsonObject)JsonValue.Parse(await new StreamReader(output).ReadToEndAsync());
    }

    [Test]
    public async Task A_launch_topic_message_starts_a_build_that_the_pipeline_reads_as_the_message_asked()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        var function = new StartBuildFunction(sandbox.Pipeline());

        var answer = await InvokeAsync(function, LaunchEvent);

        var execution = (await sandbox.ExecutionsAsync()).Single();
        Assert.That(execution.Name, Is.EqualTo("sns-95df01b4-ee98-5cb9-9903-4c221d41eb5e"));
        Assert.That(answer, Is.EqualTo(JsonValue.Parse($$"""{"started": [{"executionArn": "{{execution.ExecutionArn}}", "name": "{{execution.Name}}", "isNew": true}]}""")));
        // What the pipeline's first step makes of the execution's input.
        var request = TriggerFunction.Normalise(JsonValue.Parse(execution.Input!), "2026-11-25T09:05:01Z");
        Assert.That((request["source"], request["commit"], request["detail"]), Is.EqualTo(((JsonValue)"sns", (JsonValue)"5e2b1c0d9a8f", (JsonValue)"new labels")));
    }

    [Test]
    public async Task A_redelivered_trigger_starts_no_second_build()
    {
        // The first build has ended when the trigger comes again, so AWS answers ExecutionAlreadyExists. (While it still
        // runs, AWS answers an identical StartExecution with the same execution, as if it were new.)
        await using var sandbox = await LambdaSandbox.StartAsync(SageBuild.Tests.Engine.Api.Definitions.Pass);
        var function = new StartBuildFunction(sandbox.Pipeline());

        await InvokeAsync(function, LaunchEvent);
        var again = await InvokeAsync(function, LaunchEvent);

        Assert.That(await sandbox.ExecutionsAsync(), Has.Count.EqualTo(1));
        Assert.That(((JsonObject)((JsonArray)again["started"])[0])["isNew"], Is.EqualTo(JsonBoolean.False));
    }

    [Test]
    public async Task Each_message_of_a_batch_and_each_EventBridge_event_is_a_trigger_of_its_own()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        var function = new StartBuildFunction(sandbox.Pipeline());
        var record = (JsonObject)((JsonArray)((JsonObject)JsonValue.Parse(LaunchEvent))["Records"])[0];
        var second = record.With("Sns", ((JsonObject)record["Sns"]).With("MessageId", "c0ffee00-0000-4000-8000-000000000002"));

        await InvokeAsync(function, JsonObject.Create(("Records", JsonArray.Create([record, second]))).ToJson());
        await InvokeAsync(function, CodeCommitEvent);

        var executions = await sandbox.ExecutionsAsync();
        Assert.That(executions.Select(e => e.Name), Is.EquivalentTo(new[]
        {
            "sns-95df01b4-ee98-5cb9-9903-4c221d41eb5e", "sns-c0ffee00-0000-4000-8000-000000000002", "codecommit-3f1c9a44-6d2e-4b1a-9c55-0e8f2b7d1a90",
        }));
        var push = executions.Single(e => e.Name!.StartsWith("codecommit-", StringComparison.Ordinal));
        Assert.That(JsonValue.Parse(push.Input!), Is.EqualTo(JsonValue.Parse(CodeCommitEvent)), "the event itself is the input; the pipeline normalises it");
        Assert.That(TriggerFunction.Normalise(JsonValue.Parse(push.Input!), "")["commit"], Is.EqualTo((JsonValue)"7a7b7c7d"));
    }

    [Test]
    public async Task A_start_the_role_may_not_make_fails_the_invocation_so_Lambda_retries_it()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        var environment = new Dictionary<string, string>(sandbox.Environment) { ["AWS_SECRET_ACCESS_KEY"] = "revoked" };
        var function = new StartBuildFunction(SageBuild.Functions.Aws.DeployedPipeline.FromEnvironment(environment.GetValueOrDefault)!);

        var error = Assert.ThrowsAsync<SageBuild.Functions.Aws.AwsServiceException>(() => InvokeAsync(function, CodeCommitEvent))!;
        Assert.That(error.Code, Is.EqualTo("InvalidSignatureException"));
        Assert.That(await sandbox.ExecutionsAsync(), Is.Empty);
    }
}
