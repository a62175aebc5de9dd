namespace SageBuild.StateMachines.Tasks;

/// <summary>How a task waits for the service it calls.</summary>
public enum IntegrationPattern
{
    /// <summary>Call the API and go on as soon as it answers (no suffix).</summary>
    RequestResponse,

    /// <summary>Start a job and wait for it to finish (<c>.sync</c>; <c>.sync:2</c> for Step Functions executions).</summary>
    RunJob,

    /// <summary>Pass a task token and wait until something calls SendTaskSuccess or SendTaskFailure with it (<c>.waitForTaskToken</c>).</summary>
    WaitForTaskToken,
}
