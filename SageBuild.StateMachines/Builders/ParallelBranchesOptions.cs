namespace SageBuild.StateMachines.Builders;

/// <summary>The options of a <see cref="ParallelBranches"/> state.</summary>
public sealed record ParallelBranchesOptions : ResultStateOptions
{
    /// <summary>The input every branch gets: rendered as Parameters in a JSONPath state, as Arguments in a JSONata state.</summary>
    /// <value>Null by default: the state's input.</value>
    public TaskInput? Parameters { get; init; }
}
