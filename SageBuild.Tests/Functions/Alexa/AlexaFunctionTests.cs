using SageBuild.Functions.Alexa;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Functions.Alexa;

/// <summary>The skill with the Alexa Skills Kit's own request JSON (LaunchRequest, IntentRequest, SessionEndedRequest).</summary>
public sealed class AlexaFunctionTests
{
    private static string Request(string request) => $$$"""
        {
          "version": "1.0",
          "session": {"new": true, "sessionId": "amzn1.echo-api.session.1", "application": {"applicationId": "amzn1.ask.skill.1"}, "user": {"userId": "amzn1.ask.account.1"}},
          "context": {"System": {"application": {"applicationId": "amzn1.ask.skill.1"}, "user": {"userId": "amzn1.ask.account.1"}, "device": {"deviceId": "d1", "supportedInterfaces": {}}, "apiEndpoint": "https://api.amazonalexa.com"}},
          "request": {{{request}}}
        }
        """;

    private static string Intent(string name) => Request($$$"""
        {"type": "IntentRequest", "requestId": "amzn1.echo-api.request.2", "timestamp": "2026-11-25T10:30:00Z", "locale": "en-US", "dialogState": "COMPLETED",
         "intent": {"name": "{{{name}}}", "confirmationStatus": "NONE", "slots": {} } }
        """);

    private static async Task<(string Speech, bool Ends)> Ask(IBuildExecutions? executions, string request)
    {
        var response = (JsonObject)(await new AlexaFunction(executions).HandleAsync(JsonValue.Parse(request)))["response"];
        var speech = ((JsonString)((JsonObject)response["outputSpeech"])["text"]).Value;
        return (speech, response["shouldEndSession"] is JsonBoolean { Value: true });
    }

    [Test]
    public async Task Is_my_build_finished_while_it_runs_says_which_step_it_is_in()
    {
        var builds = new FakeExecutions(new BuildExecution("arn:x:1", "b1", "RUNNING", DateTimeOffset.Parse("2026-11-25T10:18:00Z", System.Globalization.CultureInfo.InvariantCulture), null), "BuildTrainingImage");
        var (speech, ends) = await Ask(builds, Intent("StatusIntent"));
        Assert.That(speech, Is.EqualTo("No, your build is still running: it is at the step build training image. It started 12 minutes ago."));
        Assert.That(ends, Is.True);
    }

    [Test]
    public async Task Is_my_build_finished_after_it_ended_says_how_and_when()
    {
        var builds = new FakeExecutions(new BuildExecution("arn:x:1", "b1", "FAILED", DateTimeOffset.Parse("2026-11-25T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-11-25T08:25:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That((await Ask(builds, Intent("StatusIntent"))).Speech, Is.EqualTo("Yes, your last build is finished: it failed 2 hours ago."));
        Assert.That((await Ask(builds, Intent("InfoIntent"))).Speech, Is.EqualTo("The last build started 2 hours ago, at 08:00 UTC, and ended 2 hours ago, at 08:25 UTC. It failed."));
    }

    [Test]
    public async Task Start_starts_a_build_and_stop_stops_the_running_one()
    {
        var builds = new FakeExecutions(new BuildExecution("arn:x:1", "b1", "RUNNING", DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null));
        Assert.That((await Ask(builds, Intent("StartIntent"))).Speech, Does.Contain("queued a new one"));
        Assert.That(builds.Started.Single().ToJson(), Does.Contain("\"source\":\"manual\"").And.Contain("started with Alexa"));
        Assert.That((await Ask(builds, Intent("StopBuildIntent"))).Speech, Is.EqualTo("OK, I stopped the running build."));
        Assert.That(builds.Stopped, Is.EqualTo(new[] { "arn:x:1" }));
    }

    [Test]
    public async Task Launch_help_and_unknown_intents_keep_the_session_open_with_guidance()
    {
        var launch = await Ask(null, Request("""{"type": "LaunchRequest", "requestId": "amzn1.echo-api.request.1", "timestamp": "2026-11-25T10:30:00Z", "locale": "en-US"}"""));
        Assert.That(launch.Speech, Does.StartWith("Welcome to SageBuild. You can ask: is my build finished"));
        Assert.That(launch.Ends, Is.False);
        var unknown = await Ask(new FakeExecutions(null), Intent("OrderPizzaIntent"));
        Assert.That(unknown.Speech, Does.StartWith("Sorry, I didn't get that. You can ask"));
        Assert.That(unknown.Ends, Is.False);
        Assert.That((await Ask(null, Intent("AMAZON.StopIntent"))).Speech, Is.EqualTo("Goodbye."));
    }

    [Test]
    public async Task A_session_end_gets_an_empty_response()
    {
        var response = await new AlexaFunction(null).HandleAsync(JsonValue.Parse(Request("""{"type": "SessionEndedRequest", "requestId": "amzn1.echo-api.request.3", "timestamp": "2026-11-25T10:30:00Z", "locale": "en-US", "reason": "USER_INITIATED"}""")));
        Assert.That(response.ToJson(), Is.EqualTo("""{"version":"1.0","response":{}}"""));
    }

    [Test]
    public void The_interaction_model_has_the_invocation_name_and_every_intent_the_handler_answers()
    {
        var model = (JsonObject)((JsonObject)InteractionModel.Document["interactionModel"])["languageModel"];
        Assert.That(model["invocationName"], Is.EqualTo((JsonValue)"sagebuild"));
        var intents = ((JsonArray)model["intents"]).Cast<JsonObject>().Select(i => ((JsonString)i["name"]).Value).ToList();
        Assert.That(intents, Is.SupersetOf(new[] { "StartIntent", "StatusIntent", "InfoIntent", "StopBuildIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.FallbackIntent" }));
    }

    private sealed class FakeExecutions(BuildExecution? latest, string? state = null) : IBuildExecutions
    {
        public List<JsonObject> Started { get; } = [];

        public List<string> Stopped { get; } = [];

        public Task<IReadOnlyList<BuildExecution>> ListAsync(int max, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<BuildExecution>>(latest is null ? [] : [latest]);

        public Task<string?> CurrentStateAsync(string executionArn, CancellationToken cancellationToken = default) => Task.FromResult(state);

        public Task<BuildExecution> StartAsync(JsonObject input, CancellationToken cancellationToken = default)
        {
            Started.Add(input);
            return Task.FromResult(new BuildExecution("arn:x:2", "b2", "RUNNING", DateTimeOffset.UnixEpoch, null));
        }

        public Task StopAsync(string executionArn, string cause, CancellationToken cancellationToken = default)
        {
            Stopped.Add(executionArn);
            return Task.CompletedTask;
        }
    }
}
