namespace SageBuild.Engine.Integrations;

/// <summary>How a Task waits for its service, chosen by the Resource ARN's suffix.</summary>
public enum IntegrationPattern
{
    /// <summary>No suffix: the call's response is the result.</summary>
    RequestResponse,

    /// <summary><c>.sync</c> (or <c>.sync:2</c>): start a job and wait until it ends; the result is its final description.</summary>
    RunJob,

    /// <summary><c>.waitForTaskToken</c>: call the service, then wait for SendTaskSuccess or SendTaskFailure with the token.</summary>
    WaitForTaskToken,
}
