namespace SageBuild.Engine.Api.Dashboard.Status;

/// <summary>A state's status in one execution, as the Step Functions console colours it.</summary>
internal enum StateStatus
{
    /// <summary>Not entered (yet).</summary>
    NotStarted,

    /// <summary>Entered and not left: running, waiting or retrying.</summary>
    InProgress,

    /// <summary>Left normally.</summary>
    Succeeded,

    /// <summary>Raised an error that nothing caught: the execution (or its enclosing branch) failed there.</summary>
    Failed,

    /// <summary>Raised an error that a Catch handled: the execution went on at the catcher's Next.</summary>
    CaughtError,

    /// <summary>Stopped before it finished: the execution was aborted, or another branch failed first.</summary>
    Cancelled,
}
