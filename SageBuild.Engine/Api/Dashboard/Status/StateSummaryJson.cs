using System.Globalization;
using System.Text.Json;

namespace SageBuild.Engine.Api.Dashboard.Status;

/// <summary>Writes an execution's per-state summaries as the JSON the dashboard colours its graph with.</summary>
internal static class StateSummaryJson
{
    public static void Write(Utf8JsonWriter json, string executionArn, int eventCount, IReadOnlyList<StateSummary> states)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(states);
        json.WriteStartObject();
        json.WriteString("executionArn", executionArn);
        json.WriteNumber("eventCount", eventCount);
        json.WriteStartArray("states");
        foreach (var state in states)
        {
            json.WriteStartObject();
            json.WriteString("name", state.Name);
            json.WriteString("status", StatusName(state.Status));
            json.WriteNumber("visits", state.Visits);
            json.WriteStartObject("outcomes");
            foreach (var (status, count) in state.Outcomes.OrderBy(o => o.Key))
                json.WriteNumber(StatusName(status), count);
            json.WriteEndObject();
            WriteOptional(json, "input", state.Input);
            WriteOptional(json, "output", state.Output);
            WriteOptional(json, "error", state.Error);
            WriteOptional(json, "cause", state.Cause);
            if (state.EnteredAt is { } entered)
                json.WriteNumber("enteredAt", entered.ToUnixTimeMilliseconds());
            if (state.ExitedAt is { } exited)
                json.WriteNumber("exitedAt", exited.ToUnixTimeMilliseconds());
            json.WriteNumber("enteredEventId", state.EnteredEventId);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The status as the page's CSS classes name it: <c>notStarted</c>, <c>inProgress</c>, <c>caughtError</c>, …</summary>
    public static string StatusName(StateStatus status)
    {
        var name = status.ToString();
        return string.Concat(char.ToLower(name[0], CultureInfo.InvariantCulture).ToString(), name.AsSpan(1));
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }
}
