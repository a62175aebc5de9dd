using SageBuild.StateMachines.Tasks.SageMaker;

namespace SageBuild.Functions.Configuration;

/// <summary>One input channel of the training job (<c>training.channels[i]</c>).</summary>
public sealed record ChannelSettings
{
    /// <summary>The channel's name.</summary>
    public required string Name { get; init; }

    /// <summary>The S3 URI of the data.</summary>
    public required string Uri { get; init; }

    /// <summary>The data's MIME type.</summary>
    /// <value>None by default.</value>
    public string? ContentType { get; init; }

    /// <summary>What the URI names.</summary>
    /// <value>Defaults to S3Prefix.</value>
    public S3DataType DataType { get; init; } = S3DataType.S3Prefix;

    /// <summary>How the data is spread over the instances.</summary>
    /// <value>Defaults to FullyReplicated.</value>
    public S3DataDistribution Distribution { get; init; } = S3DataDistribution.FullyReplicated;

    /// <summary>This channel's input mode.</summary>
    /// <value>None by default: the algorithm's.</value>
    public TrainingInputMode? InputMode { get; init; }

    /// <summary>Whether to shuffle the objects.</summary>
    /// <value>Defaults to false.</value>
    public bool Shuffle { get; init; }

    /// <summary>The shuffle's seed.</summary>
    /// <value>Defaults to 1.</value>
    public long ShuffleSeed { get; init; } = 1;

    /// <summary>How records are wrapped.</summary>
    /// <value>Defaults to None.</value>
    public RecordWrapper RecordWrapper { get; init; } = RecordWrapper.None;

    /// <summary>The data's compression.</summary>
    /// <value>Defaults to None.</value>
    public CompressionType Compression { get; init; } = CompressionType.None;
}
