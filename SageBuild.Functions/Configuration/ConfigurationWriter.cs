using System.Globalization;
using SageBuild.Functions.Configuration.Schema;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Configuration;

/// <summary>Writes a configuration as its JSON document, every default written out, keys in the schema's order.</summary>
internal static class ConfigurationWriter
{
    /// <summary>In a pipeline container's image, stands for the build's inference image.</summary>
    public const string InferenceImageToken = "{inferenceImage}";

    public static IReadOnlyList<string> FrameworkNames => ConfigurationSpec.FrameworkNames;

    public static JsonObject Write(PipelineConfiguration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var f = c.Framework;
        var t = c.Training;
        var h = c.Hosting;
        var g = c.Guardrails;
        return new JsonObjectBuilder()
            .Set("framework", new JsonObjectBuilder()
                .Set("name", FrameworkNames[(int)f.Name])
                .SetIfNotNull("version", Text(f.Version))
                .SetIfNotNull("algorithm", Text(f.Algorithm))
                .SetIfNotNull("pythonVersion", Text(f.PythonVersion))
                .Set("entryPoint", f.EntryPoint)
                .Set("inferenceEntryPoint", f.InferenceEntryPoint)
                .SetIfNotNull("codeVersion", f.CodeVersion is { } v ? JsonNumber.From(v) : null)
                .Build())
            .SetIfNotNull("trainingImage", Text(c.TrainingImage))
            .SetIfNotNull("inferenceImage", Text(c.InferenceImage))
            .Set("train", c.Train)
            .SetIfNotNull("modelArtifacts", Text(c.ModelArtifacts))
            .Set("deployEndpoint", c.DeployEndpoint)
            .Set("training", new JsonObjectBuilder()
                .Set("instanceType", t.InstanceType)
                .Set("instanceCount", t.InstanceCount)
                .Set("volumeSizeGb", t.VolumeSizeGb)
                .Set("maxRuntimeSeconds", t.MaxRuntimeSeconds)
                .Set("hyperparameters", Map(t.Hyperparameters))
                .Set("channels", JsonArray.Create(t.Channels.Select(ch => (JsonValue)new JsonObjectBuilder()
                    .Set("name", ch.Name)
                    .Set("uri", ch.Uri)
                    .SetIfNotNull("contentType", Text(ch.ContentType))
                    .Set("dataType", ch.DataType.ToString())
                    .Set("distribution", ch.Distribution.ToString())
                    .SetIfNotNull("inputMode", Text(ch.InputMode?.ToString()))
                    .Set("shuffle", ch.Shuffle)
                    .Set("shuffleSeed", ch.ShuffleSeed)
                    .Set("recordWrapper", ch.RecordWrapper.ToString())
                    .Set("compression", ch.Compression.ToString())
                    .Build())))
                .Set("metricDefinitions", JsonArray.Create(t.MetricDefinitions.Select(m => (JsonValue)JsonObject.Create(("name", m.Name), ("regex", m.Regex)))))
                .Set("environment", Map(t.Environment))
                .Build())
            .Set("tuning", c.Tuning is { } tuning ? WriteTuning(tuning) : JsonValue.Null)
            .Set("hosting", new JsonObjectBuilder()
                .Set("instanceType", h.InstanceType)
                .Set("instanceCount", h.InstanceCount)
                .Set("environment", Map(h.Environment))
                .Set("variants", JsonArray.Create(h.EffectiveVariants.Select(v => (JsonValue)new JsonObjectBuilder()
                    .Set("name", v.Name)
                    .Set("weight", v.Weight)
                    .Set("instanceType", v.InstanceType ?? h.InstanceType)
                    .Set("instanceCount", v.InstanceCount ?? h.InstanceCount)
                    .Build())))
                .SetIfNotNull("containers", h.Containers.Count == 0 ? null : JsonArray.Create(h.Containers.Select(ct => (JsonValue)JsonObject.Create(
                    ("image", ct.Image), ("environment", Map(ct.Environment)), ("useModel", ct.UseModel)))))
                .Set("dataCapture", new JsonObjectBuilder()
                    .Set("enabled", h.DataCapture.Enabled)
                    .Set("samplingPercentage", h.DataCapture.SamplingPercentage)
                    .SetIfNotNull("destination", Text(h.DataCapture.Destination))
                    .Set("captureModes", JsonArray.Create(h.DataCapture.CaptureModes.Select(m => (JsonValue)m.ToString())))
                    .Build())
                .Build())
            .Set("gate", c.Gate is { } gate ? new JsonObjectBuilder()
                .Set("metric", gate.Metric)
                .Set("direction", gate.Direction == GateDirection.Maximize ? "maximize" : "minimize")
                .SetIfNotNull("threshold", gate.Threshold is { } th ? JsonNumber.From(th) : null)
                .Set("minImprovement", gate.MinImprovement)
                .Set("source", gate.Source == MetricSource.FinalMetrics ? "finalMetrics" : "evaluationFile")
                .Set("evaluationKey", gate.EvaluationKey)
                .Build() : JsonValue.Null)
            .Set("guardrails", new JsonObjectBuilder()
                .Set("trafficRouting", g.TrafficRouting.ToString())
                .SetIfNotNull("sizePercent", g.SizePercent is { } size ? JsonNumber.From(size) : null)
                .Set("waitSeconds", g.WaitSeconds)
                .Set("alarms", JsonArray.Create(g.Alarms.Select(a => (JsonValue)a)))
                .SetIfNotNull("terminationWaitSeconds", g.TerminationWaitSeconds is { } tw ? JsonNumber.From(tw) : null)
                .SetIfNotNull("maximumExecutionTimeoutSeconds", g.MaximumExecutionTimeoutSeconds is { } me ? JsonNumber.From(me) : null)
                .Set("endpointTimeoutSeconds", g.EndpointTimeoutSeconds)
                .Set("pollSeconds", g.PollSeconds)
                .Build())
            .Set("retention", JsonObject.Create(("models", c.Retention.Models), ("endpointConfigs", c.Retention.EndpointConfigs)))
            .Set("hooks", new JsonObjectBuilder()
                .SetIfNotNull("etlStateMachineArn", Text(c.Hooks.EtlStateMachineArn))
                .SetIfNotNull("postProcessStateMachineArn", Text(c.Hooks.PostProcessStateMachineArn))
                .Build())
            .Set("steps", new JsonObjectBuilder()
                .SetIfNotNull("trainingConfig", Step(c.Steps.TrainingConfig))
                .SetIfNotNull("modelConfig", Step(c.Steps.ModelConfig))
                .SetIfNotNull("endpointConfig", Step(c.Steps.EndpointConfig))
                .Build())
            .SetIfNotNull("smokeTest", c.SmokeTest is { } smoke ? JsonObject.Create(("body", smoke.Body), ("contentType", smoke.ContentType)) : null)
            .Set("tags", Map(c.Tags))
            .Set("deployOverrides", c.DeployOverrides)
            .Build();
    }

    private static JsonObject WriteTuning(TuningSettings t) => new JsonObjectBuilder()
        .Set("strategy", t.Strategy.ToString())
        .Set("objective", new JsonObjectBuilder().Set("metric", t.ObjectiveMetric).SetIfNotNull("regex", Text(t.ObjectiveRegex)).Set("type", t.ObjectiveType.ToString()).Build())
        .Set("maxJobs", t.MaxJobs)
        .Set("maxParallelJobs", t.MaxParallelJobs)
        .Set("categoricalRanges", JsonArray.Create(t.CategoricalRanges.Select(r => (JsonValue)JsonObject.Create(("name", r.Name), ("values", JsonArray.Create(r.Values.Select(v => (JsonValue)v)))))))
        .Set("continuousRanges", Ranges(t.ContinuousRanges))
        .Set("integerRanges", Ranges(t.IntegerRanges))
        .Set("parentJobs", JsonArray.Create(t.ParentJobs.Select(p => (JsonValue)p)))
        .Set("warmStartType", t.WarmStartType.ToString())
        .Build();

    private static JsonArray Ranges(IReadOnlyList<ParameterRangeSettings> ranges) => JsonArray.Create(ranges.Select(r => (JsonValue)JsonObject.Create(
        ("name", r.Name), ("min", r.Min), ("max", r.Max), ("scaling", r.Scaling.ToString()))));

    private static JsonObject? Step(StepOverride? step) => step is null ? null
        : new JsonObjectBuilder().SetIfNotNull("lambdaArn", Text(step.LambdaArn)).SetIfNotNull("class", Text(step.Class)).Build();

    private static JsonObject Map(IReadOnlyDictionary<string, string> map) =>
        JsonObject.Create(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValuePair<string, JsonValue>(p.Key, p.Value)));

    private static JsonString? Text(string? value) => value is null ? null : JsonString.From(value);

    internal static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
