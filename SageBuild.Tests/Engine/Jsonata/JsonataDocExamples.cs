using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>One example from the JSONata documentation (docs.jsonata.org): an expression, its input and its documented result.</summary>
public sealed record JsonataDocExample(string Page, string Expression, JsonValue? Input, JsonValue? Expected, bool IsApproximate)
{
    public override string ToString() => $"{Page}: {Expression.ReplaceLineEndings(" ")}";
}

/// <summary>Loads Data/doc-examples.json: the documentation's sample documents and its examples.</summary>
public static class JsonataDocExamples
{
    private static readonly Lazy<IReadOnlyList<JsonataDocExample>> Examples = new(Load);

    public static IReadOnlyList<JsonataDocExample> All => Examples.Value;

    /// <summary>The sample documents by name (address, invoice, refs).</summary>
    public static JsonObject Datasets => (JsonObject)((JsonObject)JsonValue.Parse(File.ReadAllText(DataPath)))["datasets"];

    private static string DataPath => Path.Combine(AppContext.BaseDirectory, "Engine", "Jsonata", "Data", "doc-examples.json");

    private static List<JsonataDocExample> Load()
    {
        var root = (JsonObject)JsonValue.Parse(File.ReadAllText(DataPath));
        var datasets = (JsonObject)root["datasets"];
        var examples = new List<JsonataDocExample>();
        foreach (var item in (JsonArray)root["cases"])
        {
            var o = (JsonObject)item;
            var dataset = o["dataset"] is JsonString name ? datasets[name.Value] : null;
            examples.Add(new JsonataDocExample(
                ((JsonString)o["page"]).Value,
                ((JsonString)o["expression"]).Value,
                dataset,
                o.TryGetValue("expected", out var expected) ? expected : null,
                o.TryGetValue("approximate", out var approximate) && approximate is JsonBoolean { Value: true }));
        }

        return examples;
    }
}
