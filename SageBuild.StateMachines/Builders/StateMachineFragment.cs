namespace SageBuild.StateMachines.Builders;

/// <summary>
/// A reusable piece of a state machine. Each <see cref="Instantiate"/> calls <see cref="Define"/> for fresh
/// states and prefixes their names, so the same fragment can appear twice (for example a deploy-and-verify
/// loop used for a canary and for production) without two states sharing a name.
/// </summary>
public abstract class StateMachineFragment
{
    /// <summary>A fragment whose states <paramref name="define"/> creates anew on every call.</summary>
    public static StateMachineFragment From(Func<IChainable> define) => new DelegateFragment(define ?? throw new ArgumentNullException(nameof(define)));

    /// <summary>Creates the fragment's states; must return new state objects on every call.</summary>
    protected abstract IChainable Define();

    /// <summary>New states of the fragment, each name prefixed with <paramref name="prefix"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Define"/> returned states that were already used.</exception>
    public Chain Instantiate(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var fragment = Define() ?? throw new InvalidOperationException($"{GetType().Name}.Define returned null");
        var states = Reachable(fragment.StartState);
        foreach (var state in states)
        {
            if (state.IsInstantiated || state.Owner is not null)
                throw new InvalidOperationException($"{state} was already used; {GetType().Name}.Define must create new states on every call");
        }

        foreach (var state in states)
        {
            state.AddPrefix(prefix);
            state.IsInstantiated = true;
        }

        return Chain.Custom(fragment.StartState, fragment.EndStates);
    }

    private static List<StateNode> Reachable(StateNode start)
    {
        var seen = new HashSet<StateNode>(ReferenceEqualityComparer.Instance);
        var order = new List<StateNode>();
        var pending = new Stack<StateNode>();
        pending.Push(start);
        while (pending.TryPop(out var state))
        {
            if (!seen.Add(state))
                continue;
            order.Add(state);
            foreach (var (_, target) in state.Transitions)
                pending.Push(target);
            foreach (var child in state.ChildGraphStarts)
                pending.Push(child);
        }

        return order;
    }

    private sealed class DelegateFragment(Func<IChainable> define) : StateMachineFragment
    {
        protected override IChainable Define() => define();
    }
}
