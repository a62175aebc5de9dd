using SageBuild.Engine.Execution;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Preparation;

/// <summary>Turns a definition into its prepared form, through one factory switch on the state type.</summary>
internal static class StateMachinePreparer
{
    public static PreparedStateMachine Prepare(StateMachineDefinition definition, string hash)
    {
        var language = definition.QueryLanguage ?? QueryLanguage.JSONPath;
        return new PreparedStateMachine(definition, hash, PrepareGraph(definition, language, "/States"));
    }

    private static PreparedGraph PrepareGraph(StateGraph graph, QueryLanguage language, string pointer)
    {
        var states = graph.States;
        int IndexOf(string name)
        {
            var i = states.IndexOf(name);
            return i >= 0 ? i : throw new FormatException($"{pointer}: no state named '{name}' in this graph");
        }

        var nodes = new StateNode[states.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            var (name, state) = states.At(i);
            var at = $"{pointer}/{name}";
            if ((state.QueryLanguage ?? language) == QueryLanguage.JSONata)
            {
                // The seam for issue 4: a JSONata state is prepared by the JSONata evaluator's own node factory.
                throw new NotSupportedException($"{at}: JSONata states are not supported by this engine yet (issue 4)");
            }

            StateNode node;
            try
            {
                node = state switch
                {
                    PassState s => new PassNode(name, s),
                    SucceedState s => new SucceedNode(name, s),
                    FailState s => new FailNode(name, s),
                    ChoiceState s => new ChoiceNode(name, s, IndexOf),
                    WaitState s => new WaitNode(name, s),
                    TaskState s => new TaskNode(name, s, IndexOf),
                    ParallelState s => new ParallelNode(name, s, IndexOf, [.. s.Branches.Select((b, k) => PrepareGraph(b, state.QueryLanguage ?? language, $"{at}/Branches/{k}/States"))]),
                    MapState s => new MapNode(name, s, IndexOf, PrepareGraph(
                        s.Processor ?? throw new FormatException($"{at}: a Map needs an ItemProcessor"),
                        state.QueryLanguage ?? language,
                        $"{at}/{(s.ItemProcessor is null ? "Iterator" : "ItemProcessor")}/States")),
                    _ => throw new NotSupportedException($"{at}: the state type {state.Type} is not supported"),
                };
            }
            catch (FormatException e) when (!e.Message.StartsWith('/'))
            {
                throw new FormatException($"{at}: {e.Message}", e);
            }

            if (state is TransitionState { Next: { } next })
                node.NextIndex = IndexOf(next);
            nodes[i] = node;
        }

        return new PreparedGraph(nodes, IndexOf(graph.StartAt));
    }
}
