using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Training;

/// <summary>A CreateTrainingJob request, checked: what a local training job needs from it.</summary>
internal sealed record TrainingJobSpec(
    string Name,
    JsonObject Request,
    string TrainingImage,
    string TrainingInputMode,
    IReadOnlyList<MetricDefinition> MetricDefinitions,
    IReadOnlyList<string>? ContainerEntrypoint,
    IReadOnlyList<string>? ContainerArguments,
    IReadOnlyDictionary<string, string> HyperParameters,
    IReadOnlyList<TrainingChannel> Channels,
    string S3OutputPath,
    bool CompressModel,
    string? InstanceType,
    int InstanceCount,
    long MaxRuntimeInSeconds,
    IReadOnlyDictionary<string, string> Environment,
    string? CheckpointS3Uri)
{
    /// <summary>SageMaker's default when no StoppingCondition.MaxRuntimeInSeconds is given: one day.</summary>
    public const long DefaultMaxRuntimeInSeconds = 86_400;

    public static TrainingJobSpec Parse(JsonValue parameters)
    {
        var request = new ShapeReader(parameters, "");
        var name = request.RequiredName("TrainingJobName");
        request.RequiredString("RoleArn");

        var algorithm = request.RequiredObject("AlgorithmSpecification");
        if (algorithm.OptionalString("AlgorithmName") is { } algorithmName)
            throw ServiceException.Invalid($"AlgorithmSpecification.AlgorithmName '{algorithmName}': marketplace algorithms are not available locally; give a TrainingImage");
        var image = algorithm.RequiredString("TrainingImage");
        var inputMode = algorithm.RequiredString("TrainingInputMode");
        if (inputMode is not ("File" or "FastFile" or "Pipe"))
            throw ServiceException.Invalid($"AlgorithmSpecification.TrainingInputMode must be File, FastFile or Pipe, not '{inputMode}'");
        var metrics = algorithm.ObjectList("MetricDefinitions")
            .Select(m => MetricDefinition.Create(m.RequiredString("Name"), m.RequiredString("Regex"), m.Location))
            .ToList();
        if (metrics.Count > 40)
            throw ServiceException.Invalid("AlgorithmSpecification.MetricDefinitions may hold at most 40 metrics");

        var hyperParameters = request.StringMap("HyperParameters");
        if (hyperParameters.Count > 100)
            throw ServiceException.Invalid($"HyperParameters may hold at most 100 entries, not {hyperParameters.Count}");

        var channels = new List<TrainingChannel>();
        foreach (var channel in request.ObjectList("InputDataConfig"))
        {
            var channelName = channel.RequiredString("ChannelName");
            if (channelName.Length is 0 or > 64 || channelName.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_')))
                throw ServiceException.Invalid($"{channel.Path("ChannelName")} '{channelName}' is not a valid channel name (letters, digits, '.', '-', '_')");
            if (channels.Any(c => c.Name == channelName))
                throw ServiceException.Invalid($"{channel.Path("ChannelName")} '{channelName}' appears twice");
            var source = channel.RequiredObject("DataSource");
            if (source.Has("FileSystemDataSource") || source.Has("DatasetSource"))
                throw ServiceException.Invalid($"{source.Location}: only S3DataSource is available locally (an s3:// or file:// URI, or a path)");
            var s3 = source.RequiredObject("S3DataSource");
            var dataType = s3.RequiredString("S3DataType");
            if (dataType != "S3Prefix")
                throw ServiceException.Invalid($"{s3.Path("S3DataType")} '{dataType}' is not supported locally; use S3Prefix");
            var channelMode = channel.OptionalString("InputMode") ?? inputMode;
            if (channelMode == "Pipe")
                throw ServiceException.Invalid($"{channel.Path("InputMode")}: Pipe mode is not available locally; use File");
            channels.Add(new TrainingChannel(
                channelName, s3.RequiredString("S3Uri"), dataType, s3.OptionalString("S3DataDistributionType") ?? "FullyReplicated",
                channel.OptionalString("ContentType"), channel.OptionalString("CompressionType"), channelMode,
                channel.OptionalString("RecordWrapperType") ?? "None"));
        }

        if (inputMode == "Pipe" && channels.Count > 0)
            throw ServiceException.Invalid("AlgorithmSpecification.TrainingInputMode: Pipe mode is not available locally; use File");

        var output = request.RequiredObject("OutputDataConfig");
        var outputPath = output.RequiredString("S3OutputPath");
        var compression = output.OptionalString("CompressionType") ?? "GZIP";
        if (compression is not ("GZIP" or "NONE"))
            throw ServiceException.Invalid($"OutputDataConfig.CompressionType must be GZIP or NONE, not '{compression}'");

        var resources = request.OptionalObject("ResourceConfig");
        var stopping = request.OptionalObject("StoppingCondition");
        var environment = request.StringMap("Environment");
        return new TrainingJobSpec(
            name,
            request.Value,
            image,
            inputMode,
            metrics,
            algorithm.Has("ContainerEntrypoint") ? algorithm.StringList("ContainerEntrypoint") : null,
            algorithm.Has("ContainerArguments") ? algorithm.StringList("ContainerArguments") : null,
            hyperParameters,
            channels,
            outputPath,
            compression == "GZIP",
            resources?.OptionalString("InstanceType"),
            (int)(resources?.OptionalInteger("InstanceCount", 1, 100) ?? 1),
            stopping?.OptionalInteger("MaxRuntimeInSeconds", 1, 28 * 86_400) ?? DefaultMaxRuntimeInSeconds,
            environment,
            request.OptionalObject("CheckpointConfig")?.RequiredString("S3Uri"));
    }
}
