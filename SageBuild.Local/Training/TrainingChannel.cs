namespace SageBuild.Local.Training;

/// <summary>One input channel of a training job.</summary>
internal sealed record TrainingChannel(
    string Name, string S3Uri, string S3DataType, string DistributionType, string? ContentType, string? CompressionType, string InputMode, string RecordWrapperType);
