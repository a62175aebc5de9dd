namespace SageBuild.StateMachines.Builders;

/// <summary>
/// A sequence of states: its start state and its open ends. <see cref="Next"/> connects every open end to
/// the next state and returns a new chain whose ends are that state's ends, so a definition reads top to bottom.
/// </summary>
public sealed class Chain : IChainable
{
    private readonly IChainable? _last;

    private Chain(StateNode start, IReadOnlyList<INextable> ends, IChainable? last)
    {
        StartState = start;
        EndStates = ends;
        _last = last;
    }

    /// <inheritdoc />
    public StateNode StartState { get; }

    /// <inheritdoc />
    public IReadOnlyList<INextable> EndStates { get; }

    /// <summary>A chain that starts with <paramref name="state"/>.</summary>
    public static Chain Start(IChainable state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new Chain(state.StartState, state.EndStates, state is Chain c ? c._last : state);
    }

    /// <summary>A chain of <paramref name="first"/> followed by <paramref name="then"/>.</summary>
    public static Chain Sequence(IChainable first, IChainable then) => Start(first).Next(then);

    /// <summary>A chain with explicit ends, for states joined by hand (for example the ends of several branches).</summary>
    public static Chain Custom(StateNode start, IReadOnlyList<INextable> ends)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(ends);
        return new Chain(start, [.. ends], null);
    }

    internal static Chain Joined(StateNode start, IChainable next) => new(start, next.EndStates, next is Chain c ? c._last : next);

    /// <summary>Connects every open end to <paramref name="next"/>.</summary>
    /// <exception cref="InvalidOperationException">The chain has no open end: it ends at a Succeed, a Fail or a Choice.</exception>
    public Chain Next(IChainable next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (EndStates.Count == 0)
        {
            throw new InvalidOperationException(_last switch
            {
                Choice choice => $"cannot chain '{next.StartState.Name}' after the Choice '{choice.Name}': a Choice has no Next of its own. " +
                                 $"Give it rules with When/Otherwise, then go on from {choice.Name}.Afterwards().Next(...)",
                StateNode state => $"cannot chain '{next.StartState.Name}' after {state}: it ends the chain",
                _ => $"cannot chain '{next.StartState.Name}': the chain starting at '{StartState.Name}' has no open end",
            });
        }

        foreach (var end in EndStates)
            end.Next(next);
        return new Chain(StartState, next.EndStates, next is Chain c ? c._last : next);
    }
}
