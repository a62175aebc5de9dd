namespace SageBuild.Engine.Execution;

/// <summary>Why an execution is being brought to an end from outside its graph.</summary>
internal enum StopKind
{
    None,
    Aborted,
    TimedOut,
    HistoryLimitExceeded,
}
