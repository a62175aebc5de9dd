namespace SageBuild.StateMachines.Builders;

/// <summary>How a Map groups items into batches.</summary>
public sealed record ItemBatcherOptions
{
    /// <summary>The most items per batch: a number, a JSONPath reference or a JSONata expression.</summary>
    /// <value>None by default.</value>
    public Field<double>? MaxItemsPerBatch { get; init; }

    /// <summary>The most bytes per batch.</summary>
    /// <value>None by default.</value>
    public Field<double>? MaxInputBytesPerBatch { get; init; }

    /// <summary>A template merged into every batch as BatchInput.</summary>
    /// <value>None by default.</value>
    public TaskInput? BatchInput { get; init; }
}
