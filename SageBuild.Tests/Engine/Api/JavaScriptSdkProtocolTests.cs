using System.Text.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Api;

/// <summary>AWS's JavaScript SDK (@aws-sdk/client-sfn, from tools/client-sfn) drives the host over real loopback HTTP.</summary>
public sealed class JavaScriptSdkProtocolTests
{
    [Test]
    public async Task The_JavaScript_SDK_creates_describes_and_lists_and_reads_AWS_errors()
    {
        await using var host = await ApiHost.StartAsync();
        var results = await DriveAsync(host, "AKIDANY", "any-secret");

        Assert.Multiple(() =>
        {
            Assert.That(Output(results, "create").GetProperty("stateMachineArn").GetString(), Is.EqualTo(Definitions.StateMachineArn("hello")));
            Assert.That(Output(results, "describe").GetProperty("definition").GetString(), Is.EqualTo(Definitions.Pass));
            Assert.That(Output(results, "describe").GetProperty("status").GetString(), Is.EqualTo("ACTIVE"));
            Assert.That(DateTimeOffset.Parse(Output(results, "describe").GetProperty("creationDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)), "the SDK read creationDate as a time");
            Assert.That(Output(results, "list").GetProperty("stateMachines").GetArrayLength(), Is.EqualTo(1));

            AssertError(results, "unknownArn", "StateMachineDoesNotExist", $"State Machine Does Not Exist: '{Definitions.StateMachineArn("nobody")}'");
            AssertError(results, "badName", "InvalidName", "Invalid Name: 'bad name'");
            AssertError(results, "badArn", "InvalidArn", "Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
            Assert.That(Error(results, "badDefinition").GetProperty("error").GetString(), Is.EqualTo("InvalidDefinition"));

            // The Pass machine has ended before the stop arrives: stopping an ended execution changes nothing.
            Assert.That(Output(results, "stop").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object));
            Assert.That(Output(results, "describeExecution").GetProperty("status").GetString(), Is.EqualTo("SUCCEEDED"));
            Assert.That(Output(results, "history").GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()),
                Is.EqualTo(new[] { "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded" }));
        });
    }

    [Test]
    public async Task The_JavaScript_SDK_signature_over_its_extra_headers_is_verified()
    {
        // The SDK also signs content-length, x-amz-content-sha256, amz-sdk-invocation-id and x-amz-user-agent.
        await using var host = await ApiHost.StartAsync(requireSignatures: true);
        var accepted = await DriveAsync(host, ApiHost.AccessKeyId, ApiHost.SecretAccessKey);
        Assert.That(Output(accepted, "create").GetProperty("stateMachineArn").GetString(), Is.EqualTo(Definitions.StateMachineArn("hello")));

        var refused = await DriveAsync(host, ApiHost.AccessKeyId, "not-the-secret");
        Assert.That(Error(refused, "list").GetProperty("error").GetString(), Is.EqualTo("InvalidSignatureException"));
    }

    private static async Task<JsonElement> DriveAsync(ApiHost host, string accessKeyId, string secret)
    {
        var folder = RepositoryPaths.NpmTool("client-sfn");
        var result = await ExternalProcess.RunAsync("node", ["drive.mjs", host.EndpointUrl, accessKeyId, secret], workingDirectory: folder);
        Assert.That(result.ExitCode, Is.Zero, $"node (20+) must run tools/client-sfn/drive.mjs: {result}");
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    private static JsonElement Output(JsonElement results, string step)
    {
        var result = results.GetProperty(step);
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

    private static void AssertError(JsonElement results, string step, string code, string message)
    {
        var error = Error(results, step);
        Assert.That(error.GetProperty("error").GetString(), Is.EqualTo(code), step);
        Assert.That(error.GetProperty("message").GetString(), Is.EqualTo(message), step);
    }
}
