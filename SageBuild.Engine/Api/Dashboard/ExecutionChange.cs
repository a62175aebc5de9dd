namespace SageBuild.Engine.Api.Dashboard;

/// <summary>
/// Something about an execution changed: it started, recorded events or ended. The dashboard pushes these to open pages
/// (as Server-Sent Events), which then read what they show again through the API.
/// </summary>
/// <param name="ExecutionArn">The execution that changed.</param>
/// <param name="StateMachineArn">Its state machine.</param>
public sealed record ExecutionChange(string ExecutionArn, string StateMachineArn);
