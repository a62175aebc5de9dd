namespace SageBuild.Engine.Execution;

/// <summary>Why an execution is being brought to an end from outside its graph.</summary>
internal enum StopKind
{
    None,
    Aborted,
    TimedOut,
    HistoryLimitExceeded,

    /// <summary>The engine is shutting down over a durable store: record nothing more, resume on the next start.</summary>
    Suspended,
}
