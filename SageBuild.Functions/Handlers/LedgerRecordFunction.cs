using System.Globalization;
using SageBuild.Functions.Handlers.Core;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers;

/// <summary>
/// The build ledger's record shapes, in DynamoDB's wire form for a putItem: the build's item (<c>pk = build#{n}</c>:
/// build number, status, trigger, commit, configuration snapshot, job names, metrics, artifact, image tags, model,
/// endpoint config, times, failure) and, for a deployed build, the <c>production</c> item the quality gate and
/// rollback read. Every attribute of <see cref="BuildAttributes"/> is always present (NULL when unknown), so the
/// definition can name them one by one.
/// </summary>
public sealed class LedgerRecordFunction : FunctionHandler
{
    /// <summary>The attributes of a build's item, in order.</summary>
    public static readonly IReadOnlyList<string> BuildAttributes =
    [
        "pk", "buildNumber", "status", "source", "commit", "detail", "executionArn", "startedAt", "endedAt", "configuration",
        "trainingJob", "tuningJob", "metricName", "metricValue", "metrics", "artifact", "trainingImage", "inferenceImage",
        "model", "endpointConfig", "endpoint", "deployedAt", "failure",
    ];

    /// <summary>The attributes of the production item.</summary>
    public static readonly IReadOnlyList<string> ProductionAttributes =
        ["pk", "buildNumber", "commit", "metricName", "metricValue", "model", "endpointConfig", "artifact", "deployedAt"];

    /// <inheritdoc />
    public override string Name => "ledger-record";

    /// <inheritdoc />
    public override string Description => "Shapes the build ledger's records (the model registry) for DynamoDB.";

    /// <inheritdoc />
    public override JsonValue Handle(JsonValue input)
    {
        var status = JsonRead.String(input, "status");
        var state = JsonRead.At(input, "state") ?? input;
        var f = BuildFacts.From(state);
        var build = f.Build ?? throw new ArgumentException("the event has no build.id: a build is recorded once it has its number");
        var time = JsonRead.StringOrNull(input, "time");
        var final = status != "RUNNING";
        var deployed = status == "DEPLOYED";
        var gateMetric = JsonRead.StringOrNull(f.Gate, "metric");
        var gateValue = JsonRead.NumberOrNull(f.Gate, "candidate");
        var config = JsonRead.ObjectOrNull(state, "settings.config");
        var item = new JsonObjectBuilder()
            .Set("pk", S("build#" + build))
            .Set("buildNumber", N(build))
            .Set("status", S(status))
            .Set("source", S(f.Source))
            .Set("commit", S(f.Commit))
            .Set("detail", S(f.Detail))
            .Set("executionArn", S(JsonRead.StringOrNull(input, "executionArn")))
            .Set("startedAt", S(JsonRead.StringOrNull(input, "startedAt")))
            .Set("endedAt", S(final ? time : null))
            .Set("configuration", S(config?.ToJson()))
            .Set("trainingJob", S(f.TrainingJob))
            .Set("tuningJob", S(f.TuningJob))
            .Set("metricName", S(gateMetric))
            .Set("metricValue", gateValue is { } v ? N(v.ToString("R", CultureInfo.InvariantCulture)) : Null)
            .Set("metrics", f.Metrics.Count == 0 ? Null : JsonObject.Create(("M", JsonObject.Create(f.Metrics.Select(m =>
                new KeyValuePair<string, JsonValue>(m.Key, N(((JsonNumber)m.Value).ToText())))))))
            .Set("artifact", S(f.Artifact))
            .Set("trainingImage", S(f.TrainingImage))
            .Set("inferenceImage", S(f.InferenceImage))
            .Set("model", S(f.Model))
            .Set("endpointConfig", S(f.EndpointConfig))
            .Set("endpoint", S(deployed ? f.Endpoint : null))
            .Set("deployedAt", S(deployed ? time : null))
            .Set("failure", S(f.Failure?.ToJson().ToJson() ?? JsonRead.StringOrNull(state, "rollback.reason")))
            .Build();
        var production = deployed ? new JsonObjectBuilder()
            .Set("pk", S("production"))
            .Set("buildNumber", N(build))
            .Set("commit", S(f.Commit))
            .Set("metricName", S(gateMetric))
            .Set("metricValue", gateValue is { } pv ? N(pv.ToString("R", CultureInfo.InvariantCulture)) : Null)
            .Set("model", S(f.Model))
            .Set("endpointConfig", S(f.EndpointConfig))
            .Set("artifact", S(f.Artifact))
            .Set("deployedAt", S(time))
            .Build() : null;
        return JsonObject.Create(("item", item), ("production", production ?? (JsonValue)JsonValue.Null));
    }

    private static JsonObject Null { get; } = JsonObject.Create(("NULL", true));

    private static JsonObject S(string? value) => value is null ? Null : JsonObject.Create(("S", value));

    private static JsonObject N(string value) => JsonObject.Create(("N", value));
}
