using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation;

/// <summary>Visits every state of a definition, depth first, including those inside Parallel branches and Map processors.</summary>
public static class DefinitionWalker
{
    /// <summary>Every state with its location, in document order, parents before their children.</summary>
    public static IEnumerable<StateLocation> States(StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Walk(definition, "", definition.QueryLanguage ?? QueryLanguage.JSONPath);
    }

    /// <summary>Every graph with its pointer: the definition itself, then each branch and item processor.</summary>
    public static IEnumerable<(StateGraph Graph, string Pointer)> Graphs(StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        yield return (definition, "");
        foreach (var location in States(definition))
        {
            foreach (var child in ChildGraphs(location))
                yield return child;
        }
    }

    /// <summary>The graphs directly inside a state: a Parallel's branches or a Map's processor.</summary>
    public static IEnumerable<(StateGraph Graph, string Pointer)> ChildGraphs(StateLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        switch (location.State)
        {
            case ParallelState parallel:
                for (var i = 0; i < parallel.Branches.Count; i++)
                    yield return (parallel.Branches[i], JsonPointer.Append(location.PointerTo("Branches"), i));
                break;
            case MapState { ItemProcessor: { } processor }:
                yield return (processor, location.PointerTo("ItemProcessor"));
                break;
            case MapState { Iterator: { } iterator }:
                yield return (iterator, location.PointerTo("Iterator"));
                break;
        }
    }

    private static IEnumerable<StateLocation> Walk(StateGraph graph, string graphPointer, QueryLanguage inherited)
    {
        var statesPointer = JsonPointer.Append(graphPointer, "States");
        foreach (var (name, state) in graph.States)
        {
            var location = new StateLocation(JsonPointer.Append(statesPointer, name), name, state, graph, graphPointer, state.QueryLanguage ?? inherited);
            yield return location;
            foreach (var (child, pointer) in ChildGraphs(location))
            {
                // A child graph inherits the top-level language, not its parent state's override: AWS
                // applies a state's QueryLanguage to that state's own fields only.
                foreach (var inner in Walk(child, pointer, inherited))
                    yield return inner;
            }
        }
    }
}
