using System.Text.Json;
using SageBuild.StateMachines.Json;

namespace SageBuild.Cli.Projects;

/// <summary>
/// Says why a build failed in one line: the failing state and the reason its service gave (a training job's
/// <c>FailureReason</c>, which is the first 1024 characters of its <c>output/failure</c>, or a build's failed phase),
/// rather than the whole DescribeTrainingJob document the error's cause carries.
/// </summary>
internal static class BuildFailure
{
    public static string? Describe(string? ledgerFailure)
    {
        if (string.IsNullOrWhiteSpace(ledgerFailure))
            return null;
        var failure = TryParse(ledgerFailure) as JsonObject;
        if (failure is null)
            return Reason(ledgerFailure);
        var state = failure.TryGetValue("state", out var s) && s is JsonString st ? st.Value : null;
        var error = failure.TryGetValue("error", out var e) && e is JsonString et ? et.Value : null;
        var cause = failure.TryGetValue("cause", out var c) && c is JsonString ct ? ct.Value : null;
        var reason = cause is null ? error : Reason(cause);
        return state is null ? reason : $"{state}: {reason}";
    }

    private static string Reason(string cause) => TryParse(cause) switch
    {
        JsonObject job when job.TryGetValue("FailureReason", out var r) && r is JsonString reason => reason.Value,
        JsonObject build when build.TryGetValue("Build", out var b) && b is JsonObject details && FailedPhase(details) is { } phase => phase,
        _ => cause.Length > 1024 ? cause[..1024] + "…" : cause,
    };

    private static string? FailedPhase(JsonObject build) =>
        build.TryGetValue("Phases", out var phases) && phases is JsonArray list
            ? list.OfType<JsonObject>()
                .Where(p => p.TryGetValue("PhaseStatus", out var status) && status is JsonString { Value: "FAILED" })
                .Select(p => $"build phase {Text(p, "PhaseType")} failed: {(p.TryGetValue("Contexts", out var contexts) && contexts is JsonArray { Count: > 0 } cs && cs[0] is JsonObject first ? Text(first, "Message") : "")}")
                .FirstOrDefault()
            : null;

    private static string Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : "";

    private static JsonValue? TryParse(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
            return null;
        try
        {
            return JsonValue.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
