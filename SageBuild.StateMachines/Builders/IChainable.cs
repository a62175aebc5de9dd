namespace SageBuild.StateMachines.Builders;

/// <summary>
/// Anything that can be chained: a start state plus the open ends that can still take a <c>Next</c>.
/// States, <see cref="Chain"/>s and instantiated fragments are chainable.
/// </summary>
public interface IChainable
{
    /// <summary>The state that runs first.</summary>
    StateNode StartState { get; }

    /// <summary>The states that can still take a <c>Next</c>; empty after a Succeed, a Fail or a Choice.</summary>
    IReadOnlyList<INextable> EndStates { get; }
}
