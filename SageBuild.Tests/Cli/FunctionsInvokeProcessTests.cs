using SageBuild.Functions.Aws;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Functions.Aws;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Cli;

/// <summary>
/// <c>sagebuild functions invoke</c> on the functions that call AWS, as a real process: like <c>sam local invoke</c>,
/// they take their configuration from the environment, here pointed at our Step Functions API host on loopback.
/// </summary>
public sealed class FunctionsInvokeProcessTests
{
    private static string Sagebuild => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "sagebuild.exe" : "sagebuild");

    [Test]
    public async Task Start_build_starts_one_signed_execution_per_launch_topic_message()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        const string snsEvent = """
            {"Records": [
              {"EventSource": "aws:sns", "Sns": {"MessageId": "11111111-aaaa", "Message": "{\"commit\": \"abc123\"}"}},
              {"EventSource": "aws:sns", "Sns": {"MessageId": "22222222-bbbb", "Message": "{\"commit\": \"def456\"}"}}
            ]}
            """;

        var result = await ExternalProcess.RunAsync(Sagebuild, ["functions", "invoke", "start-build", "--payload", snsEvent], sandbox.Environment);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var started = (JsonArray)((JsonObject)JsonValue.Parse(result.StandardOutput))["started"];
        Assert.That(started.Count, Is.EqualTo(2), result.ToString());
        var executions = await sandbox.ExecutionsAsync();
        Assert.That(executions.Select(e => e.Name), Is.EquivalentTo(new[] { ExecutionNames.For("sns", "11111111-aaaa"), ExecutionNames.For("sns", "22222222-bbbb") }));
    }

    [Test]
    public async Task Start_build_without_its_environment_says_which_variable_is_missing()
    {
        var result = await ExternalProcess.RunAsync(Sagebuild, ["functions", "invoke", "start-build", "--payload", "{}"]);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("SAGEBUILD_STATE_MACHINE_ARN is not set"));
    }
}
