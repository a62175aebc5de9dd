using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// Turns the object graph of states into the ASL model, graph by graph, collecting every problem with the JSON
/// pointer its field will have: names unique across all branches, each state object in one graph only, a
/// terminal state in every graph. Each state renders itself and reports its own field errors.
/// </summary>
internal sealed class GraphCompiler(object owner, QueryLanguage machineLanguage)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<StateNode, string> _graphOf = new(ReferenceEqualityComparer.Instance);

    public List<DefinitionError> Errors { get; } = [];

    /// <summary>Every state rendered, parents before the states of their branches.</summary>
    public List<StateNode> States { get; } = [];

    public (string StartAt, StateMap States) CompileGraph(StateNode start, string graphPointer)
    {
        var statesPointer = JsonPointer.Append(graphPointer, "States");
        var errorsBefore = Errors.Count;
        var members = Discover(start, graphPointer);

        // Register the whole graph's names before rendering any branch, so a clash reports the outer state as the first.
        // A clash with another graph is still rendered (each graph's own States stay consistent); a clash inside this graph cannot be.
        var unique = new List<(StateNode State, string Pointer)>(members.Count);
        var local = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in members)
        {
            var pointer = JsonPointer.Append(statesPointer, state.Name);
            if (_names.TryGetValue(state.Name, out var first))
                Errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.DuplicateStateName, $"the name \"{state.Name}\" is already used at {first}; state names are unique across all branches"));
            else
                _names.Add(state.Name, pointer);
            if (local.Add(state.Name))
                unique.Add((state, pointer));
        }

        // A graph that lost states or transitions to the errors above could also look endless; report the cause, not the echo.
        var isComplete = Errors.Count == errorsBefore;
        var rendered = new List<KeyValuePair<string, State>>(unique.Count);
        var hasTerminal = false;
        foreach (var (state, pointer) in unique)
        {
            States.Add(state);
            var model = state.Render(new StateRenderContext(pointer, state.QueryLanguage ?? machineLanguage, this));
            hasTerminal |= model is SucceedState or FailState or TransitionState { End: true };
            rendered.Add(new(state.Name, model));
        }

        // Whether the graph can end is the validator's ReachabilityRule to report, on the rendered model.
        return (start.Name, StateMap.Create(rendered));
    }

    /// <summary>The states of one graph in discovery order: the start, then breadth first along Next, Choices, Default and Catch.</summary>
    private List<StateNode> Discover(StateNode start, string graphPointer)
    {
        var members = new List<StateNode>();
        if (!Claim(start, graphPointer, JsonPointer.Append(graphPointer, "StartAt")))
            return members;
        var seen = new HashSet<StateNode>(ReferenceEqualityComparer.Instance) { start };
        var queue = new Queue<StateNode>();
        queue.Enqueue(start);
        while (queue.TryDequeue(out var state))
        {
            members.Add(state);
            var statePointer = JsonPointer.Append(JsonPointer.Append(graphPointer, "States"), state.Name);
            foreach (var (field, target) in state.Transitions)
            {
                if (seen.Contains(target))
                    continue;
                if (!Claim(target, graphPointer, $"{statePointer}/{field}"))
                    continue;
                seen.Add(target);
                queue.Enqueue(target);
            }
        }

        return members;
    }

    /// <summary>Makes <paramref name="state"/> a member of the graph at <paramref name="graphPointer"/>, or reports why it cannot be.</summary>
    private bool Claim(StateNode state, string graphPointer, string referencedAt)
    {
        if (state.Owner is not null && !ReferenceEquals(state.Owner, owner))
        {
            Errors.Add(new DefinitionError(referencedAt, DefinitionErrorCodes.MissingTransitionTarget,
                $"{state} already belongs to another state machine; a state object belongs to one graph only (reuse a shape with a StateMachineFragment)"));
            return false;
        }

        if (_graphOf.TryGetValue(state, out var other))
        {
            if (other == graphPointer)
                return true;
            var where = other.Length == 0 ? "the top level" : $"the graph at {other}";
            Errors.Add(new DefinitionError(referencedAt, DefinitionErrorCodes.MissingTransitionTarget,
                $"{state} belongs to {where}: a transition cannot leave its Parallel branch or Map processor, and a state object belongs to one graph only"));
            return false;
        }

        state.Owner = owner;
        _graphOf.Add(state, graphPointer);
        return true;
    }
}
