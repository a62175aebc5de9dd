namespace SageBuild.StateMachines.Model;

/// <summary>Ends its graph successfully.</summary>
public sealed record SucceedState : DataFlowState
{
    /// <inheritdoc />
    public override StateType Type => StateType.Succeed;
}
