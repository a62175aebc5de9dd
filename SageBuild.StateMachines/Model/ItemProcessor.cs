namespace SageBuild.StateMachines.Model;

/// <summary>A Map state's item processor: a graph plus how it runs.</summary>
public sealed record ItemProcessor : StateGraph
{
    /// <summary>INLINE or DISTRIBUTED, and the child execution type.</summary>
    public ProcessorConfig? ProcessorConfig { get; init; }

    /// <summary>Whether the processor runs as a distributed map.</summary>
    public bool IsDistributed => ProcessorConfig?.Mode == ProcessorMode.DISTRIBUTED;
}

/// <summary>How a Map's item processor runs.</summary>
public sealed record ProcessorConfig
{
    /// <summary>INLINE (the default) or DISTRIBUTED.</summary>
    public ProcessorMode? Mode { get; init; }

    /// <summary>STANDARD or EXPRESS child executions (distributed mode).</summary>
    public ExecutionType? ExecutionType { get; init; }
}

/// <summary>A Map's processing mode.</summary>
public enum ProcessorMode
{
    /// <summary>Iterations run inside the parent execution.</summary>
    INLINE,

    /// <summary>Iterations run as child executions of a map run.</summary>
    DISTRIBUTED,
}

/// <summary>A state machine's or child execution's type.</summary>
public enum ExecutionType
{
    /// <summary>Durable, exactly-once, up to a year.</summary>
    STANDARD,

    /// <summary>Short-lived, at-least-once, up to five minutes.</summary>
    EXPRESS,
}
