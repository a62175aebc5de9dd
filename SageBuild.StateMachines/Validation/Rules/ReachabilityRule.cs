using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>
/// Walks each graph from its StartAt along every Next, Default, Choice rule and Catch: each state must be
/// reached, and a terminal state (End, Succeed or Fail) must be among those reached. Going by the graph rather
/// than by names catches orphan cycles: states that name each other but that nothing running ever reaches.
/// </summary>
internal sealed class ReachabilityRule : IDefinitionRule
{
    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        var byGraph = DefinitionWalker.States(definition).GroupBy(l => l.GraphPointer).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (graph, pointer) in DefinitionWalker.Graphs(definition))
        {
            // A StartAt that names no state is the transition rule's to report; from nowhere, nothing is reachable.
            if (!graph.States.ContainsKey(graph.StartAt) || !byGraph.TryGetValue(pointer, out var locations))
                continue;
            CheckGraph(graph, pointer, locations.ToDictionary(l => l.Name, StringComparer.Ordinal), errors);
        }
    }

    private static void CheckGraph(StateGraph graph, string pointer, Dictionary<string, StateLocation> locations, ICollection<DefinitionError> errors)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { graph.StartAt };
        var pending = new Stack<string>([graph.StartAt]);
        var leadsNowhere = false;
        while (pending.TryPop(out var name))
        {
            foreach (var (target, _, _) in TransitionTargetRule.Targets(locations[name]))
            {
                if (!graph.States.ContainsKey(target))
                    leadsNowhere = true;
                else if (reached.Add(target))
                    pending.Push(target);
            }
        }

        var unreached = graph.States.Keys.Where(n => !reached.Contains(n)).ToList();
        foreach (var name in unreached)
        {
            var callers = unreached.Where(other => TransitionTargetRule.Targets(locations[other]).Any(t => t.Target == name)).ToList();
            var why = callers.Count == 0
                ? "no state transitions to it"
                : $"only {string.Join(", ", callers.Select(c => $"\"{c}\""))} transition{(callers.Count == 1 ? "s" : "")} to it, and {(callers.Count == 1 ? "that state is" : "those states are")} not reachable either";
            errors.Add(new DefinitionError(locations[name].Pointer, DefinitionErrorCodes.UnreachableState,
                $"State \"{name}\" is not reachable from StartAt \"{graph.StartAt}\": {why}. Remove it, or name it in a Next, Default or Catch of a reachable state"));
        }

        // A transition to a missing state is the transition rule's to report; where it was meant to go may well
        // have ended the graph, so saying "never ends" as well would only add noise.
        if (!leadsNowhere && !reached.Any(n => IsTerminal(graph.States[n])))
        {
            var unreachedTerminals = unreached.Where(n => IsTerminal(graph.States[n])).ToList();
            errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.NoTerminalState,
                $"Workflow has no terminal state reachable from StartAt \"{graph.StartAt}\", so it could never finish" +
                (unreachedTerminals.Count > 0 ? $" (the terminal states {string.Join(", ", unreachedTerminals.Select(t => $"\"{t}\""))} are not reachable)" : "") +
                ": end a path with \"End\": true, a Succeed state or a Fail state"));
        }
    }

    private static bool IsTerminal(State state) => state is SucceedState or FailState or TransitionState { End: true };
}
