using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Conformance;

/// <summary>The cases of the corpus that the engine does not reproduce, each with the reason (known-differences.json).</summary>
public static class KnownDifferences
{
    private static readonly Lazy<Dictionary<string, string>> Entries = new(Load);

    public static IReadOnlyDictionary<string, string> All => Entries.Value;

    public static bool Contains(string id) => Entries.Value.ContainsKey(id);

    private static Dictionary<string, string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "known-differences.json");
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in (JsonArray)((JsonObject)JsonValue.Parse(File.ReadAllText(path)))["cases"])
        {
            var o = (JsonObject)entry;
            entries.Add(((JsonString)o["id"]).Value, ((JsonString)o["reason"]).Value);
        }

        return entries;
    }
}
