using System.Text.Json;
using SageBuild.Tests.Engine.Api;
using static SageBuild.Tests.Cli.Serve.ServeLifecycle;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// The synchronous operations, which AWS serves on a <c>sync-</c> host: AWS CLI v1 calls them against
/// <c>sagebuild serve</c> with host prefixes turned off (CLI v2 cannot, see verification.md).
/// </summary>
public sealed class ServeAwsCliV1SyncTests
{
    private static readonly Dictionary<string, string> NoHostPrefix = new() { ["AWS_DISABLE_HOST_PREFIX_INJECTION"] = "true" };

    [Test]
    public async Task CLI_v1_runs_an_EXPRESS_machine_with_start_sync_execution_and_tests_a_state_with_test_state()
    {
        var cli = await AwsCli.GetAsync("v1");
        await using var serve = await ServeProcess.StartAsync();
        Task<Support.ExternalProcess.Result> Aws(params string[] arguments) => cli.StepFunctionsAsync(serve.EndpointUrl, "AKIDANY", "any-secret", NoHostPrefix, arguments);

        AwsCli.Json(await Aws("create-state-machine", "--name", "express", "--type", "EXPRESS", "--definition", Quick, "--role-arn", RoleArn));
        var result = AwsCli.Json(await Aws("start-sync-execution", "--state-machine-arn", StateMachineArn("express"), "--input", """{"n":2}"""));
        Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("SUCCEEDED"), result.ToString());
        Assert.That(JsonDocument.Parse(result.GetProperty("output").GetString()!).RootElement.ToString(), Is.EqualTo("""{"echo":{"n":2},"done":true}"""));
        Assert.That(result.GetProperty("executionArn").GetString(), Does.StartWith("arn:aws:states:us-east-1:123456789012:express:express:"));

        var tested = AwsCli.Json(await Aws("test-state", "--role-arn", RoleArn, "--input", """{"n":5}""",
            "--definition", """{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"}"""));
        Assert.That((tested.GetProperty("status").GetString(), tested.GetProperty("nextState").GetString()), Is.EqualTo(("SUCCEEDED", "Big")));
    }
}
