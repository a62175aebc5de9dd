namespace SageBuild.Engine.Stores;

/// <summary>An execution's status, named as DescribeExecution names it.</summary>
#pragma warning disable CA1707 // AWS's own spelling
public enum ExecutionStatus
{
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED,
    PENDING_REDRIVE,
}
#pragma warning restore CA1707
