namespace SageBuild.Engine.Api;

/// <summary>The engine's defaults, in one place.</summary>
internal static class EngineDefaults
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    public const string StateMachineName = "StateMachine";

    /// <summary>AWS's default quota of open STANDARD executions per account and region.</summary>
    public const int MaxOpenExecutions = 1_000_000;
}
