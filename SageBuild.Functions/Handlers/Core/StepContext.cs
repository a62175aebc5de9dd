using SageBuild.Functions.Configuration;
using SageBuild.Functions.Naming;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers.Core;

/// <summary>What the config-building steps share: the configuration, the deployment and the build, read from the event.</summary>
internal sealed record StepContext(JsonValue Input, PipelineConfiguration Configuration, PipelineEnvironment Environment, long Build, BuildNames Names)
{
    public static StepContext From(JsonValue input)
    {
        var configuration = ConfigurationReader.Read(JsonRead.Object(input, "config"));
        var environment = PipelineEnvironment.From(input);
        var build = JsonRead.BuildNumber(input);
        return new StepContext(input, configuration, environment, build, ResourceNames.For(environment.NamePrefix, build));
    }

    /// <summary>The stored code version this build deploys: the configured one, or the build's own.</summary>
    public long CodeVersion => Configuration.Framework.CodeVersion ?? Build;

    /// <summary>Tags of every resource: the configuration's, plus the build and stack.</summary>
    public JsonArray Tags => JsonArray.Create(Configuration.Tags
        .Append(new("sagebuild:build", Build.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .Append(new("sagebuild:stack", Environment.Stack))
        .OrderBy(t => t.Key, StringComparer.Ordinal)
        .Select(t => (JsonValue)JsonObject.Create(("Key", t.Key), ("Value", t.Value))));

    /// <summary>Applies the configured C# step, if any, to SageBuild's own request.</summary>
    public JsonObject Plug(JsonObject request, StepOverride? step, string key, StepRegistry registry) =>
        step?.Class is { } name ? registry.Resolve(name, $"steps.{key}").BuildRequest(Input, request) : request;

    public static JsonObject StringMap(IEnumerable<KeyValuePair<string, string>> entries) =>
        JsonObject.Create(entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new KeyValuePair<string, JsonValue>(e.Key, e.Value)));
}
