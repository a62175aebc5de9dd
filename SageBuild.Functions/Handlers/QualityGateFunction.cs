using System.Globalization;
using SageBuild.Functions.Configuration;
using SageBuild.Functions.Handlers.Core;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers;

/// <summary>
/// The quality gate (the configuration's <c>gate</c>, read from the event's <c>config</c>). The candidate's metric comes from the training job's FinalMetricDataList or the evaluation file
/// (<c>{"metrics": {...}}</c>); the production model's is the one recorded in the ledger when it was deployed. The
/// candidate passes when it reaches the absolute threshold and beats production by at least the minimum improvement.
/// The result says by how much it passed or missed (<c>margin</c>, negative when it missed) and which bar decided.
/// </summary>
public sealed class QualityGateFunction : FunctionHandler
{
    /// <inheritdoc />
    public override string Name => "quality-gate";

    /// <inheritdoc />
    public override string Description => "Compares the candidate's metric with the production model's and with the threshold.";

    /// <inheritdoc />
    public override JsonValue Handle(JsonValue input)
    {
        if (ConfigurationReader.Read(JsonRead.Object(input, "config")).Gate is not { } gate)
        {
            return JsonObject.Create(("passed", true), ("reason", "no quality gate is configured"), ("metric", JsonValue.Null), ("candidate", JsonValue.Null),
                ("production", JsonValue.Null), ("margin", JsonValue.Null));
        }

        var candidate = CandidateValue(input, gate);
        var (production, productionBuild) = ProductionValue(input, gate.Metric);
        return Decide(gate, candidate, production, productionBuild);
    }

    /// <summary>The gate's verdict for a candidate value, given the production model's (if any).</summary>
    public static JsonObject Decide(QualityGateSettings gate, double candidate, double? production, string? productionBuild = null)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var maximize = gate.Direction == GateDirection.Maximize;
        var bars = new List<(double Value, string Name)>();
        if (gate.Threshold is { } threshold)
            bars.Add((threshold, "threshold"));
        if (production is { } p)
            bars.Add((maximize ? p + gate.MinImprovement : p - gate.MinImprovement, "production"));

        // The binding bar is the hardest one to clear; the margin is how far the candidate is beyond it.
        var binding = bars.Count == 0 ? ((double Value, string Name)?)null : maximize ? bars.MaxBy(b => b.Value) : bars.MinBy(b => b.Value);
        var margin = binding is { } bar ? (maximize ? candidate - bar.Value : bar.Value - candidate) : 0;
        var passed = margin >= 0;
        var word = maximize ? "at least" : "at most";
        var reason = binding switch
        {
            null => $"{gate.Metric} = {F(candidate)}; no threshold and no production model to compare with",
            { Name: "threshold" } b when passed => $"{gate.Metric} = {F(candidate)} meets the threshold ({word} {F(b.Value)}) by {F(margin)}",
            { Name: "threshold" } b => $"{gate.Metric} = {F(candidate)} missed the threshold ({word} {F(b.Value)}) by {F(-margin)}",
            // A tie is no improvement: say so rather than "beats production by 0".
            _ when passed && margin == 0 => $"{gate.Metric} = {F(candidate)} equals production's bar ({F(production!.Value)}{Improvement(gate)}), which passes",
            var b when passed => $"{gate.Metric} = {F(candidate)} beats production ({F(production!.Value)}{Improvement(gate)}) by {F(margin)}",
            var b => $"{gate.Metric} = {F(candidate)} missed production ({F(production!.Value)}{Improvement(gate)}, so {word} {F(b!.Value.Value)}) by {F(-margin)}",
        };
        return new JsonObjectBuilder()
            .Set("passed", passed)
            .Set("metric", gate.Metric)
            .Set("direction", maximize ? "maximize" : "minimize")
            .Set("candidate", candidate)
            .Set("production", production is { } pv ? JsonNumber.From(pv) : JsonValue.Null)
            .Set("productionBuild", productionBuild is null ? JsonValue.Null : productionBuild)
            .Set("threshold", gate.Threshold is { } tv ? JsonNumber.From(tv) : JsonValue.Null)
            .Set("minImprovement", gate.MinImprovement)
            .Set("decidedBy", binding?.Name ?? "none")
            .Set("margin", margin)
            .Set("reason", reason)
            .Build();
    }

    private static double CandidateValue(JsonValue input, QualityGateSettings gate)
    {
        if (gate.Source == MetricSource.EvaluationFile)
        {
            var document = JsonRead.At(input, "trained.evaluationFile.document") ?? throw new MetricNotFoundException("the gate reads the evaluation file, but the event has no trained.evaluationFile.document");
            return JsonRead.At(document, "metrics") is JsonObject metrics && metrics.TryGetValue(gate.Metric, out var v) && v is JsonNumber n
                ? n.Value
                : throw new MetricNotFoundException($"the evaluation file has no number at metrics.\"{gate.Metric}\"");
        }

        var final = JsonRead.Array(input, "trained.job.FinalMetricDataList");
        var found = final.OfType<JsonObject>().LastOrDefault(m => JsonRead.StringOrNull(m, "MetricName") == gate.Metric);
        return found is not null && JsonRead.NumberOrNull(found, "Value") is { } value
            ? value
            : throw new MetricNotFoundException($"the training job reported no '{gate.Metric}' (it reported: {(final.Count == 0 ? "nothing" : string.Join(", ", final.OfType<JsonObject>().Select(m => JsonRead.StringOrNull(m, "MetricName"))))}); check the metric definitions");
    }

    private static (double? Value, string? Build) ProductionValue(JsonValue input, string metric)
    {
        // The ledger's production item, as GetItem returns it (DynamoDB JSON): absent before the first deploy.
        var item = JsonRead.ObjectOrNull(input, "production.Item");
        if (item is null || JsonRead.StringOrNull(item, "metricName.S") != metric)
            return (null, null);
        return (JsonRead.NumberOrNull(item, "metricValue.N"), JsonRead.StringOrNull(item, "buildNumber.N"));
    }

    private static string Improvement(QualityGateSettings gate) => gate.MinImprovement == 0 ? "" : $" with a required improvement of {F(gate.MinImprovement)}";

    private static string F(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
