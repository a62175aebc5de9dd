using System.Text;
using SageBuild.Engine.Api.Model;
using SageBuild.Functions.Alexa;
using SageBuild.Functions.Aws;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Conformance;
using SageBuild.Tests.Functions.Aws;

namespace SageBuild.Tests.Functions.Alexa;

/// <summary>
/// The skill as deployed: Alexa Skills Kit requests through the managed runtime's entry point, answered from the
/// pipeline's executions on our signature-checking Step Functions API host.
/// </summary>
public sealed class AlexaLambdaTests
{
    private static string Intent(string name, DateTimeOffset at) => $$"""
        {
          "version": "1.0",
          "session": {"new": true, "sessionId": "amzn1.echo-api.session.7", "application": {"applicationId": "amzn1.ask.skill.1"}, "user": {"userId": "amzn1.ask.account.1"} },
          "context": {"System": {"application": {"applicationId": "amzn1.ask.skill.1"}, "user": {"userId": "amzn1.ask.account.1"}, "device": {"deviceId": "d1", "supportedInterfaces": {} }, "apiEndpoint": "https://api.amazonalexa.com"} },
          "request": {"type": "IntentRequest", "requestId": "amzn1.echo-api.request.7", "timestamp": "{{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}}", "locale": "en-US", "dialogState": "COMPLETED",
                      "intent": {"name": "{{name}}", "confirmationStatus": "NONE", "slots": {} } }
        }
        """;

    private static async Task<string> AskAsync(AlexaFunction alexa, string intent)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Intent(intent, DateTimeOffset.UtcNow)));
        await using var output = await alexa.InvokeAsync(input);
        var response = (JsonObject)((JsonObject)JsonValue.Parse(await new StreamReader(output).ReadToEndAsync()))["response"];
        return ((JsonString)((JsonObject)response["outputSpeech"])["text"]).Value;
    }

    [Test]
    public async Task Start_status_and_stop_act_on_the_deployed_pipeline_executions()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        var alexa = new AlexaFunction(sandbox.Pipeline());

        Assert.That(await AskAsync(alexa, "StatusIntent"), Is.EqualTo("There are no builds yet. Say: start a build."));
        Assert.That(await AskAsync(alexa, "StartIntent"), Is.EqualTo("OK, I started a new build. Ask me later if it is finished."));
        var started = (await sandbox.ExecutionsAsync()).Single();
        Assert.That(JsonValue.Parse(started.Input!) is JsonObject input && input["source"] == (JsonValue)"manual", started.Input);
        Assert.That(await AskAsync(alexa, "StatusIntent"), Is.EqualTo("No, your build is still running: it is at the step hold. It started less than a minute ago."));
        Assert.That(await AskAsync(alexa, "StopBuildIntent"), Is.EqualTo("OK, I stopped the running build."));

        var stopped = await sandbox.Host.Service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = started.ExecutionArn });
        Assert.That((stopped.Status, stopped.Cause), Is.EqualTo((ExecutionStatus.Aborted, "stopped with Alexa")));
        Assert.That(await AskAsync(alexa, "StatusIntent"), Does.StartWith("Yes, your last build is finished: it was stopped"));
    }

    [Test]
    public async Task A_pipeline_that_does_not_answer_gets_a_spoken_apology_not_a_Lambda_error()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        var environment = new Dictionary<string, string>(sandbox.Environment) { ["AWS_SECRET_ACCESS_KEY"] = "revoked" };
        var alexa = new AlexaFunction(DeployedPipeline.FromEnvironment(environment.GetValueOrDefault));

        Assert.That(await AskAsync(alexa, "StatusIntent"), Is.EqualTo("Sorry, the SageBuild pipeline did not answer. Please try again in a moment."));
    }

    [Test]
    public void The_step_a_build_is_in_is_the_last_state_entered_in_an_AWS_recorded_history()
    {
        // Histories recorded against AWS: the newest state-entered event names the step, whatever event follows it.
        var checkedHistories = 0;
        foreach (var history in ConformanceCases.All.Select(c => c.ExpectedHistory).OfType<JsonArray>().Where(h => h.Count > 4).Take(20))
        {
            var events = history.OfType<JsonObject>().ToList();
            for (var cut = 1; cut <= events.Count; cut++)
            {
                var seen = events.Take(cut).ToList();
                var expected = seen.LastOrDefault(e => ((JsonString)e["type"]).Value.EndsWith("StateEntered", StringComparison.Ordinal)) is { } entered
                    ? ((JsonString)((JsonObject)entered["stateEnteredEventDetails"])["name"]).Value
                    : null;
                Assert.That(DeployedPipeline.LastEnteredState(Enumerable.Reverse(seen)), Is.EqualTo(expected));
            }

            checkedHistories++;
        }

        Assert.That(checkedHistories, Is.EqualTo(20));
    }
}
