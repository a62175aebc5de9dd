namespace SageBuild.StateMachines.Model;

/// <summary>Runs every branch on the same input; the output is the array of branch outputs in branch order.</summary>
public sealed record ParallelState : RetryableState
{
    /// <inheritdoc />
    public override StateType Type => StateType.Parallel;

    /// <summary>The branches.</summary>
    public required ValueList<StateGraph> Branches { get; init; }
}
