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

    /// <param name="graph">The states to prepare.</param>
    /// <param name="language">
    /// The definition's query language. Every graph, nested ones included, inherits it: a state's own QueryLanguage
    /// applies to that state's fields only, not to the states of its branches or item processor (as AWS accepts
    /// definitions, and as <c>DefinitionWalker</c> sees them).
    /// </param>
    /// <param name="pointer">The graph's JSON pointer, for errors.</param>
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
            var jsonata = (state.QueryLanguage ?? language) == QueryLanguage.JSONata;
            StateNode node;
            try
            {
                // JSONata states have nodes (or a JSONata flavour of the node) that evaluate {% %} fields, compiled here once.
                node = state switch
                {
                    PassState s => jsonata ? new JsonataPassNode(name, s) : new PassNode(name, s),
                    SucceedState s => jsonata ? new JsonataSucceedNode(name, s) : new SucceedNode(name, s),
                    FailState s => jsonata ? new JsonataFailNode(name, s) : new FailNode(name, s),
                    ChoiceState s => jsonata ? new JsonataChoiceNode(name, s, IndexOf) : new ChoiceNode(name, s, IndexOf),
                    WaitState s => jsonata ? new JsonataWaitNode(name, s) : new WaitNode(name, s),
                    TaskState s => new TaskNode(name, s, IndexOf, jsonata),
                    ParallelState s => new ParallelNode(name, s, IndexOf, [.. s.Branches.Select((b, k) => PrepareGraph(b, language, $"{at}/Branches/{k}/States"))], jsonata),
                    MapState s => new MapNode(name, s, IndexOf, PrepareGraph(
                        s.Processor ?? throw new FormatException($"{at}: a Map needs an ItemProcessor"),
                        language,
                        $"{at}/{(s.ItemProcessor is null ? "Iterator" : "ItemProcessor")}/States"), jsonata),
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
