using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>One named input of a training job, read from S3 (rendered as <c>DataSource.S3DataSource</c>).</summary>
public sealed record Channel
{
    /// <summary>The channel's name, such as <c>train</c> or <c>validation</c>.</summary>
    public required string ChannelName { get; init; }

    /// <summary>The S3 URI of the data.</summary>
    public required Field<string> S3Uri { get; init; }

    /// <summary>What the URI names.</summary>
    /// <value>Defaults to S3Prefix.</value>
    public S3DataType S3DataType { get; init; } = S3DataType.S3Prefix;

    /// <summary>How the data is spread over the instances.</summary>
    /// <value>Defaults to FullyReplicated.</value>
    public S3DataDistribution S3DataDistributionType { get; init; } = S3DataDistribution.FullyReplicated;

    /// <summary>The data's MIME type, such as <c>text/csv</c>.</summary>
    /// <value>None by default.</value>
    public Field<string>? ContentType { get; init; }

    /// <summary>The data's compression.</summary>
    /// <value>None by default (not compressed).</value>
    public CompressionType? CompressionType { get; init; }

    /// <summary>The records' wrapping.</summary>
    /// <value>None by default (raw).</value>
    public RecordWrapper? RecordWrapperType { get; init; }

    /// <summary>This channel's input mode, overriding the algorithm's.</summary>
    /// <value>None by default.</value>
    public TrainingInputMode? InputMode { get; init; }

    /// <summary>A seed to shuffle the objects with (ShuffleConfig).</summary>
    /// <value>None by default: not shuffled.</value>
    public long? ShuffleSeed { get; init; }

    /// <summary>The attributes to read from an augmented manifest.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<string>? AttributeNames { get; init; }

    internal TaskInput ToTaskInput()
    {
        var s3 = new RequestBuilder()
            .Add("S3DataType", S3DataType.ToString())
            .Add("S3Uri", S3Uri)
            .Add("S3DataDistributionType", S3DataDistributionType.ToString())
            .AddList("AttributeNames", AttributeNames, a => a)
            .Build();
        return new RequestBuilder()
            .Add("ChannelName", ChannelName)
            .Add("DataSource", TaskInput.FromObject(("S3DataSource", s3)))
            .Add("ContentType", ContentType)
            .Add("CompressionType", CompressionType?.ToString())
            .Add("RecordWrapperType", RecordWrapperType?.ToString())
            .Add("InputMode", InputMode?.ToString())
            .Add("ShuffleConfig", ShuffleSeed is { } seed ? TaskInput.FromObject(("Seed", (double)seed)) : null)
            .Build();
    }
}
