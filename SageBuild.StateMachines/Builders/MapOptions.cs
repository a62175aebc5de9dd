using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>The options of a <see cref="Map"/> state.</summary>
public sealed record MapOptions : ResultStateOptions
{
    /// <summary>INLINE or DISTRIBUTED. ItemReader, ItemBatcher, ResultWriter, the tolerated failures and Label need DISTRIBUTED.</summary>
    /// <value>Null by default: INLINE.</value>
    public ProcessorMode? Mode { get; init; }

    /// <summary>The child executions' type in DISTRIBUTED mode.</summary>
    /// <value>Null by default: STANDARD when DISTRIBUTED (AWS requires one).</value>
    public ExecutionType? ExecutionType { get; init; }

    /// <summary>JSONPath: the reference path to the items array.</summary>
    /// <value>Null by default: the whole input (<c>$</c>).</value>
    public string? ItemsPath { get; init; }

    /// <summary>JSONata: the items, an array template or an expression.</summary>
    /// <value>Null by default: the input.</value>
    public TaskInput? Items { get; init; }

    /// <summary>A template for each item's input; <see cref="JsonPath.Context.MapItemValue"/> is the item.</summary>
    /// <value>Null by default: the item itself.</value>
    public TaskInput? ItemSelector { get; init; }

    /// <summary>Reads the items from S3 (DISTRIBUTED).</summary>
    /// <value>None by default.</value>
    public ItemReaderOptions? ItemReader { get; init; }

    /// <summary>Groups items into batches (DISTRIBUTED).</summary>
    /// <value>None by default.</value>
    public ItemBatcherOptions? ItemBatcher { get; init; }

    /// <summary>Writes the results to S3 (DISTRIBUTED).</summary>
    /// <value>None by default.</value>
    public ResultWriterOptions? ResultWriter { get; init; }

    /// <summary>The most iterations at once: a number (0 for no limit), a JSONPath reference or a JSONata expression.</summary>
    /// <value>None by default: no limit.</value>
    public Field<double>? MaxConcurrency { get; init; }

    /// <summary>The percentage of items that may fail, 0 to 100 (DISTRIBUTED).</summary>
    /// <value>None by default: none may fail.</value>
    public Field<double>? ToleratedFailurePercentage { get; init; }

    /// <summary>The number of items that may fail (DISTRIBUTED).</summary>
    /// <value>None by default: none may fail.</value>
    public Field<double>? ToleratedFailureCount { get; init; }

    /// <summary>A label for the child executions (DISTRIBUTED), at most 40 characters.</summary>
    /// <value>None by default.</value>
    public string? Label { get; init; }
}
