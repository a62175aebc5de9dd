namespace SageBuild.Engine.Execution;

/// <summary>What became of a callback (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat) for a task token.</summary>
internal enum TaskTokenAnswer
{
    /// <summary>The task was waiting and took it.</summary>
    Accepted,

    /// <summary>The token was handed out, but its task no longer waits (timed out, answered, or its execution ended): TaskTimedOut.</summary>
    Retired,

    /// <summary>No task ever had this token: TaskDoesNotExist.</summary>
    Unknown,
}
