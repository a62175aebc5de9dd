using SageBuild.Functions.Configuration;
using SageBuild.StateMachines.Json;
using FunctionsConfigurationException = SageBuild.Functions.Configuration.ConfigurationException;
using InfraConfigurationException = SageBuild.Infra.Configuration.ConfigurationException;

namespace SageBuild.Infra.Pipeline;

/// <summary>
/// The deploy-time overrides of the pipeline's configuration: what the stack decides (its instance types and the
/// guardrail alarms it creates for every production variant) under what <c>sagebuild:pipeline</c> says, which wins.
/// They are merged into the parameter's document at run time without wiping edits (the three-way merge of
/// <see cref="ConfigurationOverrides"/>), so changing a stack setting reaches a running deployment on the next build.
/// </summary>
internal static class StackOverrides
{
    /// <summary>The configuration document with every default written out.</summary>
    public static JsonObject Defaults { get; } = new PipelineConfiguration().ToJson();

    /// <summary>The overrides of the stack with <paramref name="resources"/>.</summary>
    public static JsonObject For(PipelineResources resources)
    {
        var user = resources.Pipeline.ConfigurationOverrides;
        // The alarms are per production variant, and the variants may come from sagebuild:pipeline itself.
        var variants = Read(ConfigurationOverrides.Merge(Defaults, user), user).Hosting.EffectiveVariants;
        var stack = JsonObject.Create(
            ("training", JsonObject.Create(("instanceType", resources.TrainingInstanceType))),
            ("hosting", JsonObject.Create(("instanceType", resources.HostingInstanceType))),
            ("guardrails", JsonObject.Create(("alarms", JsonArray.Create(variants.SelectMany(v => resources.GuardrailAlarmNames(v.Name)).Select(a => (JsonValue)a))))));
        return Merge(stack, user);
    }

    /// <summary>
    /// Reads <paramref name="document"/>; its problems become the stack config's, each named by the key that set it:
    /// <c>sagebuild:trainingInstanceType</c>, or <c>sagebuild:pipeline.&lt;key&gt;</c>.
    /// </summary>
    public static PipelineConfiguration Read(JsonObject document, JsonObject user)
    {
        try
        {
            return ConfigurationReader.Read(document);
        }
        catch (FunctionsConfigurationException e)
        {
            throw new InfraConfigurationException([.. e.Errors.Select(error => $"{StackKey(error.Key, user)}: {error.Message}")]);
        }
    }

    private static string StackKey(string key, JsonObject user)
    {
        var setByUser = Has(user, key.Split('.'));
        return key switch
        {
            "training.instanceType" when !setByUser => "sagebuild:trainingInstanceType",
            "hosting.instanceType" when !setByUser => "sagebuild:hostingInstanceType",
            "" => "sagebuild:pipeline",
            _ => "sagebuild:pipeline." + key,
        };
    }

    private static bool Has(JsonObject o, string[] path)
    {
        JsonValue current = o;
        foreach (var key in path)
        {
            if (current is not JsonObject obj || !obj.TryGetValue(key, out var next))
                return false;
            current = next;
        }

        return true;
    }

    // Objects merge key by key; anything else in `over` replaces what `under` has.
    private static JsonObject Merge(JsonObject under, JsonObject over)
    {
        var result = under;
        foreach (var (key, value) in over)
        {
            result = value is JsonObject nested && result.TryGetValue(key, out var existing) && existing is JsonObject existingObject
                ? result.With(key, Merge(existingObject, nested))
                : result.With(key, value);
        }

        return result;
    }
}
