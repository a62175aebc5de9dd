using System.Globalization;
using System.Text.Json;
using SageBuild.Functions.Configuration.Schema;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks.SageMaker;

namespace SageBuild.Functions.Configuration;

/// <summary>
/// Reads a configuration document: checks it against the published schema, then the rules that involve several keys,
/// and reports every problem at once, each naming its key (<c>training.instanceCount: must be ≥ 1</c>).
/// </summary>
public static class ConfigurationReader
{
    /// <summary>Reads the JSON text of a document; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static PipelineConfiguration Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonValue document;
        try
        {
            document = JsonValue.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ConfigurationException([new ConfigurationError("", $"is not JSON: {e.Message}")]);
        }

        return Read(document);
    }

    /// <summary>Reads a document; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static PipelineConfiguration Read(JsonValue document)
    {
        var (configuration, errors) = TryRead(document);
        return errors.Count > 0 ? throw new ConfigurationException(errors) : configuration!;
    }

    /// <summary>Reads a document and returns every problem instead of throwing; the configuration is null when there are any.</summary>
    public static (PipelineConfiguration? Configuration, IReadOnlyList<ConfigurationError> Errors) TryRead(JsonValue document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<ConfigurationError>();
        if (document is not JsonObject root)
            return (null, [new ConfigurationError("", "must be a JSON object")]);
        SpecValidator.ValidateObject(root, ConfigurationSpec.Document, "", errors);
        var configuration = Map(root);
        errors.AddRange(ConfigurationRules.Check(configuration));
        return errors.Count > 0 ? (null, errors) : (configuration, []);
    }

    // The schema has been checked; mapping is lenient so the cross-key rules can still run and report too.
    private static PipelineConfiguration Map(JsonObject root)
    {
        var framework = Section(root, "framework");
        var training = Section(root, "training");
        var hosting = Section(root, "hosting");
        var guardrails = Section(root, "guardrails");
        var retention = Section(root, "retention");
        var hooks = Section(root, "hooks");
        var steps = Section(root, "steps");
        return new PipelineConfiguration
        {
            Framework = new FrameworkSettings
            {
                Name = Enum(framework, "name", FrameworkName.Byod, ConfigurationWriter.FrameworkNames),
                Version = Text(framework, "version"),
                Algorithm = Text(framework, "algorithm"),
                PythonVersion = Text(framework, "pythonVersion"),
                EntryPoint = Text(framework, "entryPoint") ?? "train.py",
                InferenceEntryPoint = Text(framework, "inferenceEntryPoint") ?? "inference.py",
                CodeVersion = Int(framework, "codeVersion"),
            },
            TrainingImage = Text(root, "trainingImage"),
            InferenceImage = Text(root, "inferenceImage"),
            Train = Bool(root, "train") ?? true,
            ModelArtifacts = Text(root, "modelArtifacts"),
            DeployEndpoint = Bool(root, "deployEndpoint") ?? true,
            Training = new TrainingSettings
            {
                InstanceType = Text(training, "instanceType") ?? ConfigurationDefaults.TrainingInstanceType,
                InstanceCount = Int(training, "instanceCount") ?? ConfigurationDefaults.TrainingInstanceCount,
                VolumeSizeGb = Int(training, "volumeSizeGb") ?? ConfigurationDefaults.VolumeSizeGb,
                MaxRuntimeSeconds = Int(training, "maxRuntimeSeconds") ?? ConfigurationDefaults.MaxRuntimeSeconds,
                Hyperparameters = StringMap(training, "hyperparameters"),
                Channels = Objects(training, "channels").Select(c => new ChannelSettings
                {
                    Name = Text(c, "name") ?? "",
                    Uri = Text(c, "uri") ?? "",
                    ContentType = Text(c, "contentType"),
                    DataType = Enum(c, "dataType", S3DataType.S3Prefix),
                    Distribution = Enum(c, "distribution", S3DataDistribution.FullyReplicated),
                    InputMode = Text(c, "inputMode") is { } mode && System.Enum.TryParse<TrainingInputMode>(mode, out var m) ? m : null,
                    Shuffle = Bool(c, "shuffle") ?? false,
                    ShuffleSeed = Long(c, "shuffleSeed") ?? 1,
                    RecordWrapper = Enum(c, "recordWrapper", RecordWrapper.None),
                    Compression = Enum(c, "compression", CompressionType.None),
                }).ToArray(),
                MetricDefinitions = Objects(training, "metricDefinitions").Select(d => new MetricDefinition(Text(d, "name") ?? "", Text(d, "regex") ?? "")).ToArray(),
                Environment = StringMap(training, "environment"),
            },
            Tuning = root.TryGetValue("tuning", out var t) && t is JsonObject tuning ? MapTuning(tuning) : null,
            Hosting = new HostingSettings
            {
                InstanceType = Text(hosting, "instanceType") ?? ConfigurationDefaults.HostingInstanceType,
                InstanceCount = Int(hosting, "instanceCount") ?? ConfigurationDefaults.HostingInstanceCount,
                Environment = StringMap(hosting, "environment"),
                Variants = Objects(hosting, "variants").Select(v => new VariantSettings
                {
                    Name = Text(v, "name") ?? "",
                    Weight = Double(v, "weight") ?? 1,
                    InstanceType = Text(v, "instanceType"),
                    InstanceCount = Int(v, "instanceCount"),
                }).ToArray(),
                Containers = Objects(hosting, "containers").Select(c => new ContainerSettings
                {
                    Image = Text(c, "image") ?? "",
                    Environment = StringMap(c, "environment"),
                    UseModel = Bool(c, "useModel") ?? true,
                }).ToArray(),
                DataCapture = Section(hosting, "dataCapture") is var capture ? new DataCaptureSettings
                {
                    Enabled = Bool(capture, "enabled") ?? false,
                    SamplingPercentage = Double(capture, "samplingPercentage") ?? ConfigurationDefaults.DataCaptureSamplingPercentage,
                    Destination = Text(capture, "destination"),
                    CaptureModes = capture.TryGetValue("captureModes", out var cm) && cm is JsonArray modes
                        ? modes.OfType<JsonString>().Select(s => System.Enum.TryParse<CaptureMode>(s.Value, out var c) ? c : CaptureMode.Input).Distinct().ToArray()
                        : [CaptureMode.Input, CaptureMode.Output],
                } : new DataCaptureSettings(),
            },
            Gate = root.TryGetValue("gate", out var g) && g is JsonObject gate ? new QualityGateSettings
            {
                Metric = Text(gate, "metric") ?? "",
                Direction = Enum(gate, "direction", GateDirection.Maximize, ["maximize", "minimize"]),
                Threshold = Double(gate, "threshold"),
                MinImprovement = Double(gate, "minImprovement") ?? 0,
                Source = Enum(gate, "source", MetricSource.FinalMetrics, ["finalMetrics", "evaluationFile"]),
                EvaluationKey = Text(gate, "evaluationKey") ?? ConfigurationDefaults.EvaluationKey,
            } : null,
            Guardrails = new GuardrailSettings
            {
                TrafficRouting = Enum(guardrails, "trafficRouting", TrafficRoutingType.ALL_AT_ONCE),
                SizePercent = Double(guardrails, "sizePercent"),
                WaitSeconds = Int(guardrails, "waitSeconds") ?? ConfigurationDefaults.GuardrailWaitSeconds,
                Alarms = Strings(guardrails, "alarms"),
                TerminationWaitSeconds = Int(guardrails, "terminationWaitSeconds"),
                MaximumExecutionTimeoutSeconds = Int(guardrails, "maximumExecutionTimeoutSeconds"),
                EndpointTimeoutSeconds = Int(guardrails, "endpointTimeoutSeconds") ?? ConfigurationDefaults.EndpointTimeoutSeconds,
                PollSeconds = Int(guardrails, "pollSeconds") ?? ConfigurationDefaults.EndpointPollSeconds,
            },
            Retention = new RetentionSettings(Int(retention, "models") ?? ConfigurationDefaults.KeepModels, Int(retention, "endpointConfigs") ?? ConfigurationDefaults.KeepEndpointConfigs),
            Hooks = new HookSettings(Text(hooks, "etlStateMachineArn"), Text(hooks, "postProcessStateMachineArn")),
            Steps = new StepSettings(Step(steps, "trainingConfig"), Step(steps, "modelConfig"), Step(steps, "endpointConfig")),
            SmokeTest = root.TryGetValue("smokeTest", out var s) && s is JsonObject smoke
                ? new SmokeTestSettings(Text(smoke, "body") ?? "", Text(smoke, "contentType") ?? ConfigurationDefaults.SmokeContentType)
                : null,
            Tags = StringMap(root, "tags"),
            DeployOverrides = root.TryGetValue("deployOverrides", out var d) && d is JsonObject overrides ? overrides : JsonObject.Empty,
        };
    }

    private static TuningSettings MapTuning(JsonObject tuning)
    {
        var objective = Section(tuning, "objective");
        return new TuningSettings
        {
            Strategy = Enum(tuning, "strategy", StateMachines.Tasks.SageMaker.TuningStrategy.Bayesian),
            ObjectiveMetric = Text(objective, "metric") ?? "",
            ObjectiveRegex = Text(objective, "regex"),
            ObjectiveType = Enum(objective, "type", TuningObjectiveType.Maximize),
            MaxJobs = Int(tuning, "maxJobs") ?? ConfigurationDefaults.TuningMaxJobs,
            MaxParallelJobs = Int(tuning, "maxParallelJobs") ?? ConfigurationDefaults.TuningMaxParallelJobs,
            CategoricalRanges = Objects(tuning, "categoricalRanges").Select(r => new CategoricalRangeSettings(Text(r, "name") ?? "", Strings(r, "values"))).ToArray(),
            ContinuousRanges = Ranges(tuning, "continuousRanges"),
            IntegerRanges = Ranges(tuning, "integerRanges"),
            ParentJobs = Strings(tuning, "parentJobs"),
            WarmStartType = Enum(tuning, "warmStartType", WarmStartType.IdenticalDataAndAlgorithm),
        };
    }

    private static ParameterRangeSettings[] Ranges(JsonObject o, string key) => Objects(o, key)
        .Select(r => new ParameterRangeSettings(Text(r, "name") ?? "", Double(r, "min") ?? 0, Double(r, "max") ?? 0, Enum(r, "scaling", HyperParameterScalingType.Auto)))
        .ToArray();

    private static StepOverride? Step(JsonObject steps, string key) =>
        steps.TryGetValue(key, out var v) && v is JsonObject o ? new StepOverride(Text(o, "lambdaArn"), Text(o, "class")) : null;

    private static JsonObject Section(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonObject section ? section : JsonObject.Empty;

    private static IEnumerable<JsonObject> Objects(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonArray a ? a.OfType<JsonObject>() : [];

    private static string? Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : null;

    private static bool? Bool(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonBoolean b ? b.Value : null;

    private static double? Double(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonNumber n ? n.Value : null;

    private static long? Long(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonNumber n && n.TryGetInt64(out var l) ? l : null;

    private static int? Int(JsonObject o, string key) => Long(o, key) is { } l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

    private static string[] Strings(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonArray a ? a.OfType<JsonString>().Select(s => s.Value).ToArray() : [];

    private static Dictionary<string, string> StringMap(JsonObject o, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (o.TryGetValue(key, out var v) && v is JsonObject entries)
        {
            foreach (var (name, value) in entries)
            {
                var text = value switch
                {
                    JsonString s => s.Value,
                    JsonNumber n => n.ToText(),
                    JsonBoolean b => b.Value ? "true" : "false",
                    _ => null,
                };
                if (text is not null)
                    map[name] = text;
            }
        }

        return map;
    }

    private static T Enum<T>(JsonObject o, string key, T fallback, IReadOnlyList<string>? spellings = null)
        where T : struct, System.Enum
    {
        if (Text(o, key) is not { } text)
            return fallback;
        if (spellings is not null)
        {
            var index = spellings.ToList().IndexOf(text);
            return index >= 0 ? System.Enum.GetValues<T>()[index] : fallback;
        }

        return System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? value : fallback;
    }
}
