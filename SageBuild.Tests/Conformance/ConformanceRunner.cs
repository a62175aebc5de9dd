using SageBuild.Engine.Api;
using StateMachineType = SageBuild.Engine.Api.Model.StateMachineType;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Conformance;

/// <summary>Runs one recorded case on a fresh engine and says how the outcome differs from AWS's, if it does.</summary>
public static class ConformanceRunner
{
    public static async Task<string?> DifferenceAsync(ConformanceCase recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var read = AslJson.Read(recorded.Definition);
        if (!read.IsWellFormed)
            return "the definition does not read: " + string.Join("; ", read.Errors);
        var expectedStatus = Text(recorded.Expected, "status");
        if (expectedStatus == "NOT_TERMINAL")
            return "AWS recorded the execution while it was still running; a run to completion cannot be compared";

        // A stop needs a running execution: only then does the case run on the real clock.
        var stops = expectedStatus == "ABORTED";
        await using var engine = new EngineBuilder { Options = new EngineOptions { AccountId = "111111111111", DefaultClock = stops ? ExecutionClock.Real : ExecutionClock.Virtual } }.Build();
        StateMachineInfo machine;
        try
        {
            var type = recorded.StateMachineType == "EXPRESS" ? StateMachineType.Express : StateMachineType.Standard;
            machine = engine.CreateStateMachine("ConformanceMachine", read.Definition!, type);
        }
        catch (StepFunctionsException e)
        {
            return $"the engine refused the definition: {e.Message}";
        }

        var started = await engine.StartExecutionAsync(machine.StateMachineArn, Input(recorded), new StartExecutionOptions { Name = recorded.ExecutionName, RandomSeed = 1 });
        if (stops)
        {
            while ((await engine.GetExecutionHistoryAsync(started.ExecutionArn)).Count < 2)
                await Task.Delay(5);
            await engine.StopExecutionAsync(started.ExecutionArn);
        }

        var result = await engine.WaitForExecutionAsync(started.ExecutionArn).WaitAsync(TimeSpan.FromSeconds(60));
        var outcome = OutcomeDifference(recorded.Expected, result);
        if (outcome is not null || recorded.ExpectedHistory is null)
            return outcome;
        var history = HistoryJson.ToJson(await engine.GetExecutionHistoryAsync(started.ExecutionArn), isoTimestamps: true);
        return HistoryDifference(recorded.ExpectedHistory, history);
    }

    private static string? OutcomeDifference(JsonObject expected, ExecutionRecord result)
    {
        var status = Text(expected, "status");
        if (status != result.Status.ToString())
            return $"status: expected {status}, got {result.Status} (error {result.Error}, cause {result.Cause}; output {result.Output?.ToJson()})";
        if (result.Status == ExecutionStatus.SUCCEEDED)
            return expected.TryGetValue("output", out var output) ? Prefix("output", RecordedValueMatcher.Difference(output, result.Output!)) : null;
        if (result.Status == ExecutionStatus.FAILED)
        {
            return Compare("error", Text(expected, "error"), result.Error) ?? Compare("cause", Text(expected, "cause"), result.Cause);
        }

        return null;
    }

    private static string? Compare(string what, string? expected, string? actual)
    {
        if (string.IsNullOrEmpty(expected) && string.IsNullOrEmpty(actual))
            return null;
        if (expected is null || actual is null)
            return $"{what}: expected {expected ?? "none"}, got {actual ?? "none"}";
        return Prefix(what, RecordedValueMatcher.Difference(expected, actual));
    }

    /// <summary>Events are matched by id; events whose recorded id is a placeholder (concurrent branches) by type and details.</summary>
    private static string? HistoryDifference(JsonArray expected, JsonArray actual)
    {
        var byId = new Dictionary<long, JsonObject>();
        foreach (var e in actual.Cast<JsonObject>())
            byId[(long)((JsonNumber)e["id"]).Value] = e;
        var unmatched = new HashSet<long>(byId.Keys);
        var maxId = 0L;
        foreach (var item in expected.Cast<JsonObject>())
        {
            if (item["id"] is JsonNumber id)
            {
                var key = (long)id.Value;
                maxId = Math.Max(maxId, key);
                if (!byId.TryGetValue(key, out var mine))
                    return $"event {key} ({Text(item, "type")}): missing; the run has {actual.Count} events:{Environment.NewLine}{Summary(actual)}";
                if (EventDifference(item, mine, matchIds: true) is { } d)
                    return $"event {key}: {d}{Environment.NewLine}{Summary(actual)}";
                unmatched.Remove(key);
            }
            else
            {
                var match = unmatched.Select(k => byId[k]).FirstOrDefault(m => EventDifference(item, m, matchIds: false) is null);
                if (match is null)
                    return $"no event like {item.ToJson()}{Environment.NewLine}{Summary(actual)}";
                unmatched.Remove((long)((JsonNumber)match["id"]).Value);
            }
        }

        var extra = unmatched.Where(k => k > maxId || expected.Count == actual.Count).ToList();
        if (extra.Count > 0 && unmatched.Count > actual.Count - expected.Count)
            return $"unexpected events {string.Join(", ", extra)}{Environment.NewLine}{Summary(actual)}";
        return actual.Count < expected.Count ? $"the run has {actual.Count} events, AWS {expected.Count}" : null;
    }

    private static string? EventDifference(JsonObject expected, JsonObject actual, bool matchIds)
    {
        if (Text(expected, "type") != Text(actual, "type"))
            return $"type: expected {Text(expected, "type")}, got {Text(actual, "type")}";
        foreach (var (key, value) in expected)
        {
            if (key is "timestamp" or "id" || (!matchIds && key == "previousEventId"))
                continue;
            if (key == "previousEventId" && value is not JsonNumber)
                continue;
            if (!actual.TryGetValue(key, out var mine))
                return $"{key}: missing";
            if (RecordedValueMatcher.Difference(value, mine, key) is { } d)
                return d;
        }

        foreach (var (key, _) in actual)
        {
            if (!expected.ContainsKey(key))
                return $"{key}: not in the recorded event";
        }

        return null;
    }

    private static string Summary(JsonArray events) =>
        string.Join(Environment.NewLine, events.Cast<JsonObject>().Select(e => $"  {e["id"]} <- {e["previousEventId"]} {Text(e, "type")} {string.Join(" ", e.Where(p => p.Key.EndsWith("Details", StringComparison.Ordinal)).Select(p => p.Value.ToJson()))}"));

    /// <summary>The recorded input, with the day's timestamps put back where the recording replaced them.</summary>
    internal static JsonValue Input(ConformanceCase recorded)
    {
        var text = recorded.Input;
        // The recording replaced timestamps of the day by "<timestamp>"; its transformers keep the original text.
        if (recorded.Normalization is JsonObject n && n.TryGetValue("test_transformers", out var t) && t is JsonArray transformers)
        {
            foreach (var transformer in transformers.OfType<JsonObject>())
            {
                if (transformer.TryGetValue("args", out var a) && a is JsonArray { Count: 2 } args && args[0] is JsonString original && args[1] is JsonString placeholder)
                    text = text.Replace(placeholder.Value, original.Value, StringComparison.Ordinal);
            }
        }

        return JsonValue.Parse(text);
    }

    private static string? Prefix(string what, string? difference) => difference is null ? null : $"{what}{difference}";

    private static string? Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : null;
}
