using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Model;

/// <summary>Runs its item processor once per item of an array (inline) or of a data set (distributed).</summary>
public sealed record MapState : RetryableState
{
    /// <inheritdoc />
    public override StateType Type => StateType.Map;

    /// <summary>The states run for each item.</summary>
    public ItemProcessor? ItemProcessor { get; init; }

    /// <summary>The deprecated spelling of <see cref="ItemProcessor"/>, kept so old documents round-trip.</summary>
    public ItemProcessor? Iterator { get; init; }

    /// <summary>JSONPath: a reference path to the items array.</summary>
    public string? ItemsPath { get; init; }

    /// <summary>The items: a JSON array, or a JSONata expression.</summary>
    public JsonValue? Items { get; init; }

    /// <summary>A template for each item's input.</summary>
    public JsonValue? ItemSelector { get; init; }

    /// <summary>Reads the items from a data source (distributed mode).</summary>
    public ItemReader? ItemReader { get; init; }

    /// <summary>Groups items into batches.</summary>
    public ItemBatcher? ItemBatcher { get; init; }

    /// <summary>Writes the results to a data store (distributed mode).</summary>
    public ResultWriter? ResultWriter { get; init; }

    /// <summary>The most iterations at once; 0 means no limit.</summary>
    public NumberOrJsonata? MaxConcurrency { get; init; }

    /// <summary>A reference path to <see cref="MaxConcurrency"/>.</summary>
    public string? MaxConcurrencyPath { get; init; }

    /// <summary>The percentage of items that may fail.</summary>
    public NumberOrJsonata? ToleratedFailurePercentage { get; init; }

    /// <summary>A reference path to <see cref="ToleratedFailurePercentage"/>.</summary>
    public string? ToleratedFailurePercentagePath { get; init; }

    /// <summary>The number of items that may fail.</summary>
    public NumberOrJsonata? ToleratedFailureCount { get; init; }

    /// <summary>A reference path to <see cref="ToleratedFailureCount"/>.</summary>
    public string? ToleratedFailureCountPath { get; init; }

    /// <summary>A label for the child executions of a distributed map.</summary>
    public string? Label { get; init; }

    /// <summary>The graph run for each item, whichever spelling the document used.</summary>
    public ItemProcessor? Processor => ItemProcessor ?? Iterator;
}
