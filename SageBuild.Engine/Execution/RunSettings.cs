using SageBuild.Engine.Mocks;

namespace SageBuild.Engine.Execution;

/// <summary>The settings of one run, fixed when it starts.</summary>
internal sealed record RunSettings(
    bool UsesVirtualClock,
    int? TimeoutSeconds,
    string RoleArn,
    string StateMachineName,
    string Region,
    string AccountId,
    MockTestCase? Mocks)
{
    /// <summary>An EXPRESS execution: no <c>$$.Execution.RedriveCount</c> (express executions cannot be redriven).</summary>
    public bool IsExpress { get; init; }
}
