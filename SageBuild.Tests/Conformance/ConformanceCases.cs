using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Conformance;

/// <summary>Loads the recorded cases that ship with the tests.</summary>
public static class ConformanceCases
{
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> Cases = new(Load);

    public static IReadOnlyList<ConformanceCase> All => Cases.Value;

    public static string DataDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Conformance", "Data");

    private static List<ConformanceCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "Data", "cases.jsonl");
        var cases = new List<ConformanceCase>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var o = (JsonObject)JsonValue.Parse(line);
            cases.Add(new ConformanceCase(
                Id: Str(o, "id")!,
                Kind: Str(o, "kind")!,
                QueryLanguage: Str(o, "query_language")!,
                StateMachineType: Str(o, "state_machine_type")!,
                Features: o.TryGetValue("features", out var f) && f is JsonArray a ? a.OfType<JsonString>().Select(s => s.Value).ToArray() : [],
                Definition: Str(o, "definition")!,
                Input: Str(o, "input") ?? "{}",
                ExecutionName: Str(o, "execution_name"),
                Expected: (JsonObject)o["expected"],
                ExpectedHistory: o.TryGetValue("expected_history", out var h) ? h as JsonArray : null,
                Normalization: o.TryGetValue("normalization", out var n) ? n : null));
        }

        return cases;
    }

    private static string? Str(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : null;
}
