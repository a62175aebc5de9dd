using System.Globalization;
using System.Text;
using SageBuild.Functions.Handlers.Core;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers;

/// <summary>
/// Formats a build notification: a readable subject (SNS's rules: at most 100 printable ASCII characters), a one-line
/// summary, and a message that is structured JSON (the status, the build, the commit, the metrics, the gate's verdict,
/// the failing state and cause) with the summary in it, for people and for programs alike. A rejection says by how much
/// the candidate missed. The kind is one of started, deployed, registered, rejected, failed, rolledBack.
/// </summary>
public sealed class NotificationFunction : FunctionHandler
{
    /// <inheritdoc />
    public override string Name => "notification";

    /// <inheritdoc />
    public override string Description => "Formats a build notification: subject, summary and structured JSON.";

    /// <inheritdoc />
    public override JsonValue Handle(JsonValue input)
    {
        var kind = JsonRead.String(input, "kind");
        var state = JsonRead.At(input, "state") ?? input;
        var f = BuildFacts.From(state);
        var build = f.Build is null ? "a build" : $"build {f.Build}";
        var gateReason = JsonRead.StringOrNull(f.Gate, "reason");
        var rollback = JsonRead.StringOrNull(state, "rollback.reason");
        var (status, subject, summary) = kind switch
        {
            "started" => ("RUNNING", $"{build} started", $"{Capital(build)} started: {f.Detail ?? "no detail"}{Commit(f)}."),
            "deployed" => ("DEPLOYED", $"{build} deployed{Metric(f)}", $"{Capital(build)} is live on {f.Endpoint}{Metric(f)}{(gateReason is null ? "" : $"; {gateReason}")}."),
            "registered" => ("REGISTERED", $"{build} registered, not deployed", $"{Capital(build)} registered model {f.Model} and endpoint config {f.EndpointConfig}; deployEndpoint is false."),
            "rejected" => ("REJECTED", $"{build} rejected by the quality gate", $"{Capital(build)} was rejected: {gateReason ?? "the quality gate failed"}; production keeps serving."),
            "rolledBack" => ("FAILED", $"{build} rolled back", $"{Capital(build)} was rolled back: {rollback ?? "the deploy failed"}; the previous endpoint config keeps serving."),
            "failed" => ("FAILED", $"{build} failed{(f.Failure is null ? "" : " at " + f.Failure.State)}",
                f.Failure is { } e ? $"{Capital(build)} failed at {e.State}: {e.Error}: {e.Cause}" : $"{Capital(build)} failed."),
            _ => throw new ArgumentException($"kind must be started, deployed, registered, rejected, failed or rolledBack, not '{kind}'"),
        };
        var message = new JsonObjectBuilder()
            .Set("summary", summary)
            .Set("status", status)
            .Set("stack", f.Stack)
            .Set("build", f.Build is { } b && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? JsonNumber.From(n) : JsonValue.Null)
            .Set("source", f.Source ?? (JsonValue)JsonValue.Null)
            .Set("commit", f.Commit ?? (JsonValue)JsonValue.Null)
            .Set("detail", f.Detail ?? (JsonValue)JsonValue.Null)
            .Set("trainingJob", f.TrainingJob ?? f.TuningJob ?? (JsonValue)JsonValue.Null)
            .Set("metrics", f.Metrics)
            .Set("gate", f.Gate ?? (JsonValue)JsonValue.Null)
            .Set("model", f.Model ?? (JsonValue)JsonValue.Null)
            .Set("endpointConfig", f.EndpointConfig ?? (JsonValue)JsonValue.Null)
            .Set("endpoint", f.Endpoint)
            .Set("failure", f.Failure?.ToJson() ?? (JsonValue)JsonValue.Null)
            .Set("rollback", rollback ?? (JsonValue)JsonValue.Null)
            .Build();
        return JsonObject.Create(("subject", Subject($"SageBuild {f.Stack}: {subject}")), ("summary", summary), ("message", message.ToJson(indented: true)));
    }

    /// <summary>A subject SNS accepts: printable ASCII, no line breaks, at most 100 characters.</summary>
    public static string Subject(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ascii = new StringBuilder(text.Length);
        foreach (var ch in text)
            ascii.Append(ch is >= ' ' and <= '~' ? ch : '?');
        var s = ascii.ToString();
        return s.Length <= 100 ? s : s[..97] + "...";
    }

    private static string Metric(BuildFacts f)
    {
        var name = JsonRead.StringOrNull(f.Gate, "metric");
        return name is not null && JsonRead.NumberOrNull(f.Gate, "candidate") is { } value
            ? $" ({name} {value.ToString("0.######", CultureInfo.InvariantCulture)})"
            : "";
    }

    private static string Commit(BuildFacts f) => f.Commit is null ? "" : $" at commit {(f.Commit.Length > 12 ? f.Commit[..12] : f.Commit)}";

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
