using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Differential;

/// <summary>
/// How two engines' outcomes compare: the status, then the output (numbers by value: 3 and 3.0 are one number) or the
/// error name. Causes are not compared: each implementation words its own.
/// </summary>
internal static class Outcomes
{
    public static string? Difference(JsonObject mine, JsonObject theirs)
    {
        var status = Text(mine, "status");
        var other = Text(theirs, "status");
        if (status != other)
            return $"status {status} vs {other} ({Describe(mine)} vs {Describe(theirs)})";
        if (status == "SUCCEEDED")
            return ValueDifference("output", Get(mine, "output"), Get(theirs, "output"));
        // An empty error name and none are the same to DescribeExecution.
        if (status == "FAILED" && (Text(mine, "error") ?? "") != (Text(theirs, "error") ?? ""))
            return $"error {Text(mine, "error")} vs {Text(theirs, "error")} (causes: {Text(mine, "cause")} | {Text(theirs, "cause")})";
        return null;
    }

    public static string Describe(JsonObject outcome) => Text(outcome, "status") switch
    {
        "SUCCEEDED" => $"output {Truncate(Get(outcome, "output").ToJson())}",
        _ => $"{Text(outcome, "error")}: {Truncate(Text(outcome, "cause") ?? "")}",
    };

    private static string? ValueDifference(string at, JsonValue a, JsonValue b)
    {
        switch (a, b)
        {
            case (JsonNumber x, JsonNumber y):
                return x.Value.Equals(y.Value) ? null : $"{at}: {x.ToJson()} vs {y.ToJson()}";
            case (JsonObject x, JsonObject y):
                foreach (var (key, value) in x)
                {
                    if (!y.TryGetValue(key, out var other))
                        return $"{at}/{key}: only on SageBuild's side ({Truncate(value.ToJson())})";
                    if (ValueDifference($"{at}/{key}", value, other) is { } d)
                        return d;
                }

                foreach (var (key, value) in y)
                {
                    if (!x.ContainsKey(key))
                        return $"{at}/{key}: only on the peer's side ({Truncate(value.ToJson())})";
                }

                return null;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                    return $"{at}: {x.Count} items vs {y.Count} ({Truncate(x.ToJson())} vs {Truncate(y.ToJson())})";
                for (var i = 0; i < x.Count; i++)
                {
                    if (ValueDifference($"{at}[{i}]", x[i], y[i]) is { } d)
                        return d;
                }

                return null;
            default:
                return a.ToJson() == b.ToJson() ? null : $"{at}: {Truncate(a.ToJson())} vs {Truncate(b.ToJson())}";
        }
    }

    private static JsonValue Get(JsonObject o, string key) => o.TryGetValue(key, out var v) ? v : JsonNull.Instance;

    private static string? Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : null;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
