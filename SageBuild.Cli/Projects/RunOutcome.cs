using SageBuild.StateMachines.Json;

namespace SageBuild.Cli.Projects;

/// <summary>How one build of a project ended, as <c>sagebuild run --json</c> prints it.</summary>
public sealed record RunOutcome
{
    /// <summary>DEPLOYED, REGISTERED, REJECTED (by the quality gate) or FAILED.</summary>
    public required string Status { get; init; }

    /// <summary>The build number, when the build got one.</summary>
    public long? Build { get; init; }

    /// <summary>The endpoint's invocation URL while it is served, else null.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The metrics the training printed (the gate's metric among them).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The build's one-line summary (the notification's), such as why the gate rejected it.</summary>
    public string? Summary { get; init; }

    /// <summary>Why the build failed: the failing state and its cause (a training job's <c>output/failure</c> text included).</summary>
    public string? Failure { get; init; }

    /// <summary>The build number the endpoint serves after this build.</summary>
    public long? Serving { get; init; }

    /// <summary>The execution that ran the build.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The whole run, from the start of the execution to its end.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The part of <see cref="Elapsed"/> spent inside the user's build, train and serve commands.</summary>
    public TimeSpan CommandTime { get; init; }

    /// <summary>The process exit code: 0 deployed (or registered), 3 rejected by the gate, 1 failed.</summary>
    public int ExitCode => Status switch { "DEPLOYED" or "REGISTERED" => 0, "REJECTED" => 3, _ => 1 };

    /// <summary>The one-line JSON object of <c>--json</c>.</summary>
    public JsonObject ToJson(string? samplePrediction = null) => new JsonObjectBuilder()
        .Set("status", Status)
        .Set("build", Build is { } b ? JsonNumber.From(b) : JsonValue.Null)
        .Set("endpoint", Text(Endpoint))
        .Set("metrics", JsonObject.Create(Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (m.Key, (JsonValue)JsonNumber.From(m.Value))).ToArray()))
        .Set("serving", Serving is { } s ? JsonNumber.From(s) : JsonValue.Null)
        .Set("summary", Text(Summary))
        .Set("failure", Text(Failure))
        .Set("prediction", Text(samplePrediction))
        .Set("executionArn", ExecutionArn)
        .Set("seconds", JsonNumber.From(Math.Round(Elapsed.TotalSeconds, 3)))
        .Set("commandSeconds", JsonNumber.From(Math.Round(CommandTime.TotalSeconds, 3)))
        .Build();

    private static JsonValue Text(string? value) => value is null ? JsonValue.Null : JsonString.From(value);
}
