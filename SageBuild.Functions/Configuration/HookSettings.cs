namespace SageBuild.Functions.Configuration;

/// <summary>Child state machines run by the pipeline (<c>hooks</c>); fixed at deploy time.</summary>
/// <param name="EtlStateMachineArn">Runs before training.</param>
/// <param name="PostProcessStateMachineArn">Runs after a successful deploy.</param>
public sealed record HookSettings(string? EtlStateMachineArn = null, string? PostProcessStateMachineArn = null);
