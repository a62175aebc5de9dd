using SageBuild.Functions.Configuration;
using SageBuild.Functions.Handlers.Core;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers;

/// <summary>
/// Reads the configuration parameter's document, merges the stack's deploy-time overrides into it
/// (<see cref="ConfigurationOverrides"/>), validates it, and returns the configuration with every default written out,
/// the decisions the definition's Choice states take (<c>flags</c>), and the merged document when it changed (to be
/// written back). An invalid document fails the build with a <see cref="ConfigurationException"/> listing every problem.
/// Hooks are part of the deployed definition: a document naming another hook than the deployed one is refused.
/// </summary>
public sealed class ResolveConfigurationFunction : FunctionHandler
{
    /// <inheritdoc />
    public override string Name => "resolve-config";

    /// <inheritdoc />
    public override string Description => "Merges deploy-time overrides into the configuration, validates it, and decides the build's path.";

    /// <inheritdoc />
    public override JsonValue Handle(JsonValue input)
    {
        var text = JsonRead.String(input, "document");
        JsonObject document;
        try
        {
            document = JsonValue.Parse(text) as JsonObject ?? throw new ConfigurationException([new ConfigurationError("", "must be a JSON object")]);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ConfigurationException([new ConfigurationError("", $"is not JSON: {e.Message}")]);
        }

        var merged = ConfigurationOverrides.Merge(document, JsonRead.ObjectOrNull(input, "overrides") ?? JsonObject.Empty);
        var (configuration, errors) = ConfigurationReader.TryRead(merged);
        var all = errors.ToList();
        if (configuration is not null)
        {
            CheckHook(all, "hooks.etlStateMachineArn", configuration.Hooks.EtlStateMachineArn, JsonRead.StringOrNull(input, "deployedHooks.etl"));
            CheckHook(all, "hooks.postProcessStateMachineArn", configuration.Hooks.PostProcessStateMachineArn, JsonRead.StringOrNull(input, "deployedHooks.postProcess"));
        }

        if (all.Count > 0)
            throw new ConfigurationException(all);
        var c = configuration!;
        var changed = merged != document;
        return new JsonObjectBuilder()
            .Set("config", c.ToJson())
            .Set("flags", Flags(c))
            .Set("changed", changed)
            .Set("document", changed ? merged.ToJson(indented: true) : text)
            .Build();
    }

    /// <summary>The decisions the definition's Choice states read.</summary>
    public static JsonObject Flags(PipelineConfiguration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new JsonObjectBuilder()
            .Set("mode", !c.Train ? "none" : c.Tuning is null ? "train" : "tune")
            .Set("buildTrainingImage", c.BuildsTrainingImage)
            .Set("buildInferenceImage", c.BuildsInferenceImage)
            .Set("evaluationFile", c.Gate is { Source: MetricSource.EvaluationFile })
            .Set("pipelineModel", c.Hosting.Containers.Count > 0)
            .Set("deploy", c.DeployEndpoint)
            .Set("smokeTest", c.SmokeTest is not null)
            .Set("etl", c.Hooks.EtlStateMachineArn is not null)
            .Set("postProcess", c.Hooks.PostProcessStateMachineArn is not null)
            .Build();
    }

    private static void CheckHook(List<ConfigurationError> errors, string key, string? configured, string? deployed)
    {
        if (configured is not null && !string.Equals(configured, deployed, StringComparison.Ordinal))
        {
            errors.Add(new ConfigurationError(key, deployed is null
                ? "names a hook the deployed pipeline does not have; hooks are fixed at deploy time: set it in the stack config and deploy"
                : $"differs from the deployed hook ({deployed}); hooks are fixed at deploy time: change it in the stack config and deploy"));
        }
    }
}
