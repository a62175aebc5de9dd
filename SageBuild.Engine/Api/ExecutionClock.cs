namespace SageBuild.Engine.Api;

/// <summary>The clock an execution runs on.</summary>
public enum ExecutionClock
{
    /// <summary>Waits and retry delays take the time they say.</summary>
    Real,

    /// <summary>Waits and retry delays finish at once, while timestamps move on as if the time had passed. For tests.</summary>
    Virtual,
}
