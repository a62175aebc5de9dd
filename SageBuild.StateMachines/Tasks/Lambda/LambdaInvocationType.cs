namespace SageBuild.StateMachines.Tasks.Lambda;

/// <summary>How Lambda runs the function.</summary>
public enum LambdaInvocationType
{
    /// <summary>Synchronously: the task gets the function's result.</summary>
    RequestResponse,

    /// <summary>Asynchronously: the task goes on once Lambda has queued the event.</summary>
    Event,

    /// <summary>Checks the call's parameters and permissions without running the function.</summary>
    DryRun,
}
