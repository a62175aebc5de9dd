using System.Text.Json;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Cli.Serve.ServeLifecycle;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>AWS's JavaScript SDK (@aws-sdk/client-sfn, tools/client-sfn/lifecycle.mjs) drives a whole lifecycle against <c>sagebuild serve</c>.</summary>
public sealed class ServeJavaScriptSdkTests
{
    [Test]
    public async Task The_JavaScript_SDK_runs_a_whole_lifecycle_against_sagebuild_serve()
    {
        await using var serve = await ServeProcess.StartAsync("--credentials", "AKIDJSTEST:js-test-secret");
        using var folder = new TemporaryDirectory();
        var definitions = folder.File("definitions.json");
        await File.WriteAllTextAsync(definitions, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["quick"] = Quick, ["hold"] = Hold, ["approval"] = Approval, ["broken"] = Broken, ["roleArn"] = RoleArn,
        }));

        var results = await DriveAsync(serve, "AKIDJSTEST", "js-test-secret", definitions);

        Assert.Multiple(() =>
        {
            Assert.That(Output(results, "create").GetProperty("stateMachineArn").GetString(), Is.EqualTo(StateMachineArn("quick")));
            Assert.That(Output(results, "start").GetProperty("executionArn").GetString(), Is.EqualTo(ExecutionArn("quick", "run-1")));
            Assert.That(Output(results, "describe").GetProperty("status").GetString(), Is.EqualTo("SUCCEEDED"));
            Assert.That(Output(results, "describe").GetProperty("output").GetString(), Is.EqualTo("""{"echo":{"n":1},"done":true}"""));
            Assert.That(Output(results, "history").GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Last(),
                Is.EqualTo("ExecutionSucceeded"));
            Assert.That(Output(results, "list").GetProperty("executions").EnumerateArray().Select(e => e.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "run-1" }));
            Assert.That(Output(results, "describeStopped").GetProperty("status").GetString(), Is.EqualTo("ABORTED"));
            Assert.That(Output(results, "sendTaskSuccess").ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(Output(results, "describeApproved").GetProperty("status").GetString(), Is.EqualTo("SUCCEEDED"));
            Assert.That(Output(results, "describeApproved").GetProperty("output").GetString(), Is.EqualTo("""{"approved":true}"""));
            Assert.That(Error(results, "unknownArn").GetProperty("error").GetString(), Is.EqualTo("StateMachineDoesNotExist"));
            Assert.That(Error(results, "badDefinition").GetProperty("error").GetString(), Is.EqualTo("InvalidDefinition"));
        });

        var refused = await DriveAsync(serve, "AKIDJSTEST", "not-the-secret", definitions);
        Assert.That(Error(refused, "create").GetProperty("error").GetString(), Is.EqualTo("InvalidSignatureException"));
    }

    private static async Task<JsonElement> DriveAsync(ServeProcess serve, string accessKeyId, string secret, string definitions)
    {
        var folder = RepositoryPaths.NpmTool("client-sfn");
        var result = await ExternalProcess.RunAsync("node", ["lifecycle.mjs", serve.EndpointUrl, accessKeyId, secret, definitions], workingDirectory: folder);
        Assert.That(result.ExitCode, Is.Zero, $"node (20+) must run tools/client-sfn/lifecycle.mjs: {result}");
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    private static JsonElement Output(JsonElement results, string step)
    {
        Assert.That(results.TryGetProperty(step, out var result), Is.True, $"the step {step} did not run: {results}");
        Assert.That(result.GetProperty("ok").GetBoolean(), Is.True, $"{step}: {result}");
        return result.GetProperty("output");
    }

    private static JsonElement Error(JsonElement results, string step)
    {
        var result = results.GetProperty(step);
        Assert.That(result.GetProperty("ok").GetBoolean(), Is.False, $"{step} should have failed: {result}");
        Assert.That(result.GetProperty("status").GetInt32(), Is.EqualTo(400), $"{step}: {result}");
        return result;
    }
}
