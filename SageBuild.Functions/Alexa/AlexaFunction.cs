using System.Globalization;
using SageBuild.Functions.Aws;
using SageBuild.Functions.Handlers.Core;
using SageBuild.Functions.Pipeline;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Alexa;

/// <summary>
/// The Alexa skill's handler ("Alexa, ask sagebuild ..."): whether the build is finished, which step it is in, when it
/// started and ended; it starts a build and stops the running one. It takes the Alexa Skills Kit's request JSON
/// (LaunchRequest, IntentRequest, SessionEndedRequest) and answers with ASK's response JSON. Times are told relative
/// to the request's own timestamp.
/// </summary>
public sealed class AlexaFunction(IBuildExecutions? executions) : FunctionHandler
{
    private const string Help = "You can ask: is my build finished, which step is the build in, when did the build start, start a build, or stop the build.";
    private readonly IBuildExecutions? _executions = executions;

    /// <summary>
    /// The Lambda runtime's constructor: connected to the state machine <c>SAGEBUILD_STATE_MACHINE_ARN</c> names, with the
    /// function role's credentials; not connected (it says so) when the variable is not set.
    /// </summary>
    public AlexaFunction()
        : this(DeployedPipeline.FromEnvironment(Environment.GetEnvironmentVariable))
    {
    }

    /// <inheritdoc />
    public override string Name => "alexa";

    /// <inheritdoc />
    public override string Description => "The Alexa skill: build status, steps and times; starts and stops builds.";

    /// <inheritdoc />
    protected override string EntryPoint => nameof(InvokeAsync);

    /// <summary>What the function's role may do: list and start the pipeline's executions, read their history and stop them.</summary>
    public static IReadOnlyList<PolicyStatement> Permissions(PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            PolicyStatement.Allow(Arn.StateMachine(options.StateMachineName), "states:ListExecutions", "states:StartExecution"),
            PolicyStatement.Allow(Arn.Executions(options.StateMachineName), "states:GetExecutionHistory", "states:StopExecution"),
        ];
    }

    /// <inheritdoc />
    public override JsonValue Handle(JsonValue input) => HandleAsync(input).GetAwaiter().GetResult();

    /// <summary>The Lambda entry point: an Alexa Skills Kit request in, its response out.</summary>
    public async Task<Stream> InvokeAsync(Stream input) => LambdaStreams.Write(await HandleAsync(await LambdaStreams.ReadAsync(input)));

    /// <summary>Answers one Alexa Skills Kit request.</summary>
    public async Task<JsonObject> HandleAsync(JsonValue input, CancellationToken cancellationToken = default)
    {
        var type = JsonRead.StringOrNull(input, "request.type");
        var now = DateTimeOffset.TryParse(JsonRead.StringOrNull(input, "request.timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.UnixEpoch;
        switch (type)
        {
            case "SessionEndedRequest":
                return JsonObject.Create(("version", "1.0"), ("response", JsonObject.Empty));
            case "LaunchRequest":
                return Say("Welcome to SageBuild. " + Help, endSession: false);
            case "IntentRequest":
                break;
            default:
                return Say("Sorry, I can't handle that request. " + Help, endSession: false);
        }

        var intent = JsonRead.StringOrNull(input, "request.intent.name") ?? "";
        if (intent is "AMAZON.HelpIntent")
            return Say(Help, endSession: false);
        if (intent is "AMAZON.StopIntent" or "AMAZON.CancelIntent" or "AMAZON.NavigateHomeIntent")
            return Say("Goodbye.", endSession: true);
        if (intent is not ("StatusIntent" or "InfoIntent" or "StartIntent" or "StopBuildIntent"))
            return Say("Sorry, I didn't get that. " + Help, endSession: false);
        if (_executions is null)
            return Say("I can't reach the SageBuild pipeline right now: this skill is not connected to one.", endSession: true);

        try
        {
            var recent = await _executions.ListAsync(1, cancellationToken);
            var latest = recent.Count > 0 ? recent[0] : null;
            return intent switch
            {
                "StatusIntent" => Say(await StatusAsync(latest, now, cancellationToken), endSession: true),
                "InfoIntent" => Say(Info(latest, now), endSession: true),
                "StartIntent" => Say(await StartAsync(latest, now, cancellationToken), endSession: true),
                _ => Say(await StopAsync(latest, cancellationToken), endSession: true),
            };
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The user hears a sentence, not a Lambda error; the function's log keeps the reason.
            await Console.Error.WriteLineAsync($"alexa: the pipeline did not answer {intent}: {e.Message}");
            return Say("Sorry, the SageBuild pipeline did not answer. Please try again in a moment.", endSession: true);
        }
    }

    private async Task<string> StatusAsync(BuildExecution? latest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (latest is null)
            return "There are no builds yet. Say: start a build.";
        if (latest.Status != "RUNNING")
            return $"Yes, your last build is finished: it {Outcome(latest.Status)} {Ago(latest.StoppedAt ?? latest.StartedAt, now)}.";
        var state = await _executions!.CurrentStateAsync(latest.ExecutionArn, cancellationToken);
        return $"No, your build is still running{(state is null ? "" : $": it is at the step {Spoken(state)}")}. It started {Ago(latest.StartedAt, now)}.";
    }

    private static string Info(BuildExecution? latest, DateTimeOffset now) => latest switch
    {
        null => "There are no builds yet.",
        { StoppedAt: { } ended } => $"The last build started {Ago(latest.StartedAt, now)}, at {Clock(latest.StartedAt)} UTC, and ended {Ago(ended, now)}, at {Clock(ended)} UTC. It {Outcome(latest.Status)}.",
        _ => $"The current build started {Ago(latest.StartedAt, now)}, at {Clock(latest.StartedAt)} UTC, and is still running.",
    };

    private async Task<string> StartAsync(BuildExecution? latest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = JsonObject.Create(("source", "manual"), ("detail", "started with Alexa"), ("requestedAt", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        await _executions!.StartAsync(request, cancellationToken);
        return latest is { Status: "RUNNING" }
            ? "A build is already running, so I queued a new one: it starts when the running build ends."
            : "OK, I started a new build. Ask me later if it is finished.";
    }

    private async Task<string> StopAsync(BuildExecution? latest, CancellationToken cancellationToken)
    {
        if (latest is not { Status: "RUNNING" })
            return "No build is running, so there is nothing to stop.";
        await _executions!.StopAsync(latest.ExecutionArn, "stopped with Alexa", cancellationToken);
        return "OK, I stopped the running build.";
    }

    private static string Outcome(string status) => status switch
    {
        "SUCCEEDED" => "succeeded",
        "FAILED" => "failed",
        "TIMED_OUT" => "timed out",
        "ABORTED" => "was stopped",
        _ => "ended",
    };

    private static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        if (span < TimeSpan.FromMinutes(1))
            return "less than a minute ago";
        if (span < TimeSpan.FromHours(1))
            return Plural((int)span.TotalMinutes, "minute") + " ago";
        if (span < TimeSpan.FromDays(1))
            return Plural((int)span.TotalHours, "hour") + " ago";
        return Plural((int)span.TotalDays, "day") + " ago";
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString(CultureInfo.InvariantCulture)} {unit}s";

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    // "BuildTrainingImage" is read aloud as "build training image".
    private static string Spoken(string state) => string.Concat(state.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())).TrimEnd('?');

    private static JsonObject Say(string text, bool endSession) => JsonObject.Create(
        ("version", "1.0"),
        ("response", new JsonObjectBuilder()
            .Set("outputSpeech", JsonObject.Create(("type", "PlainText"), ("text", text)))
            .Set("card", JsonObject.Create(("type", "Simple"), ("title", "SageBuild"), ("content", text)))
            .SetIfNotNull("reprompt", endSession ? null : JsonObject.Create(("outputSpeech", JsonObject.Create(("type", "PlainText"), ("text", Help)))))
            .Set("shouldEndSession", endSession)
            .Build()));
}
