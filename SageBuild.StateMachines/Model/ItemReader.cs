using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Model;

/// <summary>Where a distributed map reads its items from, such as <c>arn:aws:states:::s3:getObject</c>.</summary>
public sealed record ItemReader
{
    /// <summary>The integration ARN.</summary>
    public required string Resource { get; init; }

    /// <summary>The reader's settings: InputType, CSVHeaderLocation, CSVHeaders, CSVDelimiter, MaxItems, MaxItemsPath.</summary>
    public JsonObject? ReaderConfig { get; init; }

    /// <summary>JSONPath payload template for the read request.</summary>
    public JsonValue? Parameters { get; init; }

    /// <summary>JSONata arguments for the read request.</summary>
    public JsonValue? Arguments { get; init; }
}

/// <summary>How a Map groups items into batches.</summary>
public sealed record ItemBatcher
{
    /// <summary>The most items per batch.</summary>
    public NumberOrJsonata? MaxItemsPerBatch { get; init; }

    /// <summary>A reference path to <see cref="MaxItemsPerBatch"/>.</summary>
    public string? MaxItemsPerBatchPath { get; init; }

    /// <summary>The most bytes per batch.</summary>
    public NumberOrJsonata? MaxInputBytesPerBatch { get; init; }

    /// <summary>A reference path to <see cref="MaxInputBytesPerBatch"/>.</summary>
    public string? MaxInputBytesPerBatchPath { get; init; }

    /// <summary>A template merged into every batch as <c>BatchInput</c>.</summary>
    public JsonValue? BatchInput { get; init; }
}

/// <summary>Where a distributed map writes its results.</summary>
public sealed record ResultWriter
{
    /// <summary>The integration ARN, usually <c>arn:aws:states:::s3:putObject</c>.</summary>
    public string? Resource { get; init; }

    /// <summary>JSONPath payload template for the write request.</summary>
    public JsonValue? Parameters { get; init; }

    /// <summary>JSONata arguments for the write request.</summary>
    public JsonValue? Arguments { get; init; }

    /// <summary>OutputType and Transformation.</summary>
    public JsonObject? WriterConfig { get; init; }
}
