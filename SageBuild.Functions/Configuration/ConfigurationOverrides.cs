using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Configuration;

/// <summary>
/// Merges the stack config's deploy-time overrides into the configuration document without wiping edits made at run
/// time. It is a three-way merge, as <c>kubectl apply</c> does: an override is applied when the stack config changed it
/// since the last merge (it differs from the last-applied value, or is new); an override the stack config did not
/// change leaves the document's value alone, so a run-time edit of that key survives; objects merge key by key; lists
/// and scalars are replaced whole; an override of null removes the key. The overrides applied are kept in the
/// document's <c>deployOverrides</c>, which is the next merge's "last applied".
/// </summary>
public static class ConfigurationOverrides
{
    /// <summary>The key of the document that records the overrides last applied.</summary>
    public const string AppliedKey = "deployOverrides";

    /// <summary>
    /// <paramref name="document"/> with <paramref name="overrides"/> merged in, given the overrides applied last time
    /// (read from the document's <see cref="AppliedKey"/>).
    /// </summary>
    public static JsonObject Merge(JsonObject document, JsonObject overrides)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(overrides);
        var applied = document.TryGetValue(AppliedKey, out var a) && a is JsonObject last ? last : JsonObject.Empty;
        var merged = Merge(document.Without(AppliedKey), applied, overrides);
        return overrides.Count == 0 && applied.Count == 0 ? merged : merged.With(AppliedKey, overrides);
    }

    private static JsonObject Merge(JsonObject current, JsonObject lastApplied, JsonObject overrides)
    {
        var result = current;
        foreach (var (key, value) in overrides)
        {
            var hadBefore = lastApplied.TryGetValue(key, out var before);
            if (value is JsonObject nested && (!current.TryGetValue(key, out var existing) || existing is JsonObject))
            {
                var currentNested = current.TryGetValue(key, out var c) && c is JsonObject co ? co : JsonObject.Empty;
                var lastNested = hadBefore && before is JsonObject bo ? bo : JsonObject.Empty;
                var mergedNested = Merge(currentNested, lastNested, nested);
                result = mergedNested.Count == 0 && !current.ContainsKey(key) ? result : result.With(key, mergedNested);
                continue;
            }

            if (hadBefore && before == value)
                continue;   // the stack config did not change this override: the document's value, edited or not, stands
            result = value.IsNull ? result.Without(key) : result.With(key, value);
        }

        return result;
    }
}
