namespace SageBuild.StateMachines.Builders;

/// <summary>A state that goes on to a next state or ends its graph: Pass, Wait, Task, Parallel and Map.</summary>
public abstract class NextableStateNode : StateNode, INextable
{
    private protected NextableStateNode(string name)
        : base(name)
    {
    }

    /// <summary>The state that follows; null while this state ends its graph.</summary>
    internal StateNode? NextState { get; private set; }

    /// <inheritdoc />
    public override IReadOnlyList<INextable> EndStates => NextState is null ? [this] : [];

    /// <inheritdoc />
    public Chain Next(IChainable next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (NextState is not null)
            throw new InvalidOperationException($"{this} already goes on to '{NextState.Name}'; a state has one Next");
        if (ReferenceEquals(next.StartState, this))
            throw new InvalidOperationException($"{this} cannot go on to itself: loop through a Wait or a Choice");
        NextState = next.StartState;
        return Chain.Joined(this, next);
    }

    /// <inheritdoc />
    internal override IEnumerable<(string Field, StateNode Target)> Transitions =>
        NextState is null ? [] : [("Next", NextState)];
}
