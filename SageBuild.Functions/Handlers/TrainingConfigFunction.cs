using System.Globalization;
using SageBuild.Functions.Configuration;
using SageBuild.Functions.Frameworks;
using SageBuild.Functions.Handlers.Core;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers;

/// <summary>
/// The TrainingConfig step: the build's resource names and the exact CreateTrainingJob (or
/// CreateHyperParameterTuningJob) request, with the training image (built, given, a built-in algorithm's, or a
/// framework's), the channels (a default one on the data bucket when none are configured), the metric definitions,
/// script mode's hyperparameters, and the tags. A registered C# step can rewrite the request (<c>steps.trainingConfig.class</c>).
/// </summary>
public sealed class TrainingConfigFunction(StepRegistry? registry = null) : FunctionHandler
{
    private readonly StepRegistry _registry = registry ?? StepRegistry.Shared;

    /// <summary>Creates the handler with the shared step registry (the Lambda runtime's constructor).</summary>
    public TrainingConfigFunction()
        : this(null)
    {
    }

    /// <inheritdoc />
    public override string Name => "training-config";

    /// <inheritdoc />
    public override string Description => "Names the build's resources and builds the CreateTrainingJob or CreateHyperParameterTuningJob request.";

    /// <inheritdoc />
    public override JsonValue Handle(JsonValue input)
    {
        var s = StepContext.From(input);
        var c = s.Configuration;
        var names = s.Names;
        var image = c.Train ? TrainingImages.Training(s) : null;
        var training = c.Train && c.Tuning is null ? s.Plug(TrainingJob(s, image!), c.Steps.TrainingConfig, "trainingConfig", _registry) : null;
        var tuning = c.Tuning is { } t ? s.Plug(TuningJob(s, t, image!), c.Steps.TrainingConfig, "trainingConfig", _registry) : null;
        return new JsonObjectBuilder()
            .Set("names", JsonObject.Create(("trainingJob", names.TrainingJob), ("tuningJob", names.TuningJob), ("model", names.Model), ("endpointConfig", names.EndpointConfig)))
            .Set("suffixes", JsonObject.Create(
                ("trainingJob", names.Suffix(names.TrainingJob)), ("tuningJob", names.Suffix(names.TuningJob)),
                ("model", names.Suffix(names.Model)), ("endpointConfig", names.Suffix(names.EndpointConfig))))
            .Set("sourceVersion", JsonRead.StringOrNull(input, "request.commit") ?? JsonRead.StringOrNull(input, "request.branch") ?? s.Environment.Branch)
            .Set("trainingImage", JsonObject.Create(("build", c.BuildsTrainingImage), ("tag", TrainingImages.TrainingTag(s.Build)), ("uri", image is null ? JsonValue.Null : image)))
            .Set("training", training ?? (JsonValue)JsonValue.Null)
            .Set("tuning", tuning ?? (JsonValue)JsonValue.Null)
            .Set("warmStart", tuning?.ContainsKey("WarmStartConfig") ?? false)
            .Build();
    }

    private static JsonObject TrainingJob(StepContext s, string image)
    {
        var c = s.Configuration;
        var hyperparameters = c.Training.Hyperparameters.AsEnumerable();
        if (c.Framework.IsScriptMode)
            hyperparameters = hyperparameters.Concat(ScriptMode.TrainingHyperparameters(c.Framework.EntryPoint, CodeUri(s), s.Environment.Region, s.Names.TrainingJob));
        return new JsonObjectBuilder()
            .Set("TrainingJobName", s.Names.TrainingJob)
            .Set("AlgorithmSpecification", Algorithm(c, image, c.Training.MetricDefinitions.Select(m => (m.Name, m.Regex))))
            .Set("RoleArn", s.Environment.TrainingRoleArn)
            .Set("HyperParameters", StepContext.StringMap(hyperparameters))
            .Set("InputDataConfig", Channels(s))
            .Set("OutputDataConfig", JsonObject.Create(("S3OutputPath", s.Environment.ModelOutputUri)))
            .Set("ResourceConfig", Resources(c))
            .Set("StoppingCondition", JsonObject.Create(("MaxRuntimeInSeconds", c.Training.MaxRuntimeSeconds)))
            .Set("Environment", StepContext.StringMap(c.Training.Environment))
            .Set("Tags", s.Tags)
            .Build();
    }

    private static JsonObject TuningJob(StepContext s, TuningSettings t, string image)
    {
        var c = s.Configuration;
        var hyperparameters = c.Training.Hyperparameters.AsEnumerable();
        if (c.Framework.IsScriptMode)
            hyperparameters = hyperparameters.Concat(ScriptMode.TrainingHyperparameters(c.Framework.EntryPoint, CodeUri(s), s.Environment.Region, s.Names.TuningJob));

        // The objective must be found in the logs of your own and script-mode images: add its regex when it is only given there.
        var metrics = c.Training.MetricDefinitions.Select(m => (m.Name, m.Regex)).ToList();
        if (t.ObjectiveRegex is { } regex && metrics.All(m => m.Name != t.ObjectiveMetric))
            metrics.Add((t.ObjectiveMetric, regex));
        var tuned = new HashSet<string>(t.CategoricalRanges.Select(r => r.Name).Concat(t.ContinuousRanges.Select(r => r.Name)).Concat(t.IntegerRanges.Select(r => r.Name)), StringComparer.Ordinal);
        var request = new JsonObjectBuilder()
            .Set("HyperParameterTuningJobName", s.Names.TuningJob)
            .Set("HyperParameterTuningJobConfig", JsonObject.Create(
                ("Strategy", t.Strategy.ToString()),
                ("HyperParameterTuningJobObjective", JsonObject.Create(("Type", t.ObjectiveType.ToString()), ("MetricName", t.ObjectiveMetric))),
                ("ResourceLimits", JsonObject.Create(("MaxNumberOfTrainingJobs", t.MaxJobs), ("MaxParallelTrainingJobs", t.MaxParallelJobs))),
                ("ParameterRanges", JsonObject.Create(
                    ("IntegerParameterRanges", Ranges(t.IntegerRanges)),
                    ("ContinuousParameterRanges", Ranges(t.ContinuousRanges)),
                    ("CategoricalParameterRanges", JsonArray.Create(t.CategoricalRanges.Select(r => (JsonValue)JsonObject.Create(
                        ("Name", r.Name), ("Values", JsonArray.Create(r.Values.Select(v => (JsonValue)v)))))))))))
            .Set("TrainingJobDefinition", JsonObject.Create(
                ("StaticHyperParameters", StepContext.StringMap(hyperparameters.Where(h => !tuned.Contains(h.Key)))),
                ("AlgorithmSpecification", Algorithm(c, image, metrics)),
                ("RoleArn", s.Environment.TrainingRoleArn),
                ("InputDataConfig", Channels(s)),
                ("OutputDataConfig", JsonObject.Create(("S3OutputPath", s.Environment.ModelOutputUri))),
                ("ResourceConfig", Resources(c)),
                ("StoppingCondition", JsonObject.Create(("MaxRuntimeInSeconds", c.Training.MaxRuntimeSeconds)))))
            .Set("Tags", s.Tags);
        if (t.ParentJobs.Count > 0)
        {
            request.Set("WarmStartConfig", JsonObject.Create(
                ("ParentHyperParameterTuningJobs", JsonArray.Create(t.ParentJobs.Select(p => (JsonValue)JsonObject.Create(("HyperParameterTuningJobName", p))))),
                ("WarmStartType", t.WarmStartType.ToString())));
        }

        return request.Build();
    }

    private static JsonObject Algorithm(PipelineConfiguration c, string image, IEnumerable<(string Name, string Regex)> metrics)
    {
        var algorithm = new JsonObjectBuilder().Set("TrainingImage", image).Set("TrainingInputMode", "File");

        // Built-in algorithms publish their own metrics; SageMaker refuses definitions for them.
        if (c.Framework.Name != FrameworkName.Builtin)
            algorithm.Set("MetricDefinitions", JsonArray.Create(metrics.Select(m => (JsonValue)JsonObject.Create(("Name", m.Name), ("Regex", m.Regex)))));
        return algorithm.Build();
    }

    private static JsonArray Channels(StepContext s)
    {
        var channels = s.Configuration.Training.Channels;
        if (channels.Count == 0)
            channels = [new ChannelSettings { Name = ConfigurationDefaults.DefaultChannelName, Uri = s.Environment.DataUri }];
        return JsonArray.Create(channels.Select(ch =>
        {
            var channel = new JsonObjectBuilder()
                .Set("ChannelName", ch.Name)
                .Set("DataSource", JsonObject.Create(("S3DataSource", JsonObject.Create(
                    ("S3DataType", ch.DataType.ToString()), ("S3Uri", ch.Uri), ("S3DataDistributionType", ch.Distribution.ToString())))))
                .SetIfNotNull("ContentType", ch.ContentType is null ? null : JsonString.From(ch.ContentType))
                .Set("CompressionType", ch.Compression.ToString())
                .Set("RecordWrapperType", ch.RecordWrapper.ToString())
                .SetIfNotNull("InputMode", ch.InputMode is { } mode ? JsonString.From(mode.ToString()) : null)
                .SetIfNotNull("ShuffleConfig", ch.Shuffle ? JsonObject.Create(("Seed", ch.ShuffleSeed)) : null);
            return (JsonValue)channel.Build();
        }));
    }

    private static JsonObject Resources(PipelineConfiguration c) => JsonObject.Create(
        ("InstanceType", c.Training.InstanceType), ("InstanceCount", c.Training.InstanceCount), ("VolumeSizeInGB", c.Training.VolumeSizeGb));

    private static JsonArray Ranges(IReadOnlyList<ParameterRangeSettings> ranges) => JsonArray.Create(ranges.Select(r => (JsonValue)JsonObject.Create(
        ("Name", r.Name), ("MinValue", Number(r.Min)), ("MaxValue", Number(r.Max)), ("ScalingType", r.Scaling.ToString()))));

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string CodeUri(StepContext s) => $"s3://{s.Environment.CodeBucket}/{ScriptMode.CodeKey(ImageScope.Training, s.CodeVersion)}";
}
