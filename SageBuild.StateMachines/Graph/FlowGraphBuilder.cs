using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Graph;

/// <summary>Builds a <see cref="FlowGraph"/>: numbers nodes and clusters in document order, then links them.</summary>
internal sealed class FlowGraphBuilder
{
    private const string StartId = "start";
    private const string EndId = "end";

    private readonly List<FlowNode> _nodes = [];
    private readonly List<FlowEdge> _edges = [];
    private readonly List<FlowCluster> _clusters = [];
    private int _stateCount;

    public static FlowGraph Build(StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var builder = new FlowGraphBuilder();
        builder._nodes.Add(new FlowNode(StartId, "Start", FlowNodeKind.Start, null, null, null));
        var ids = builder.AddGraph(definition, "", null);
        if (ids.TryGetValue(definition.StartAt, out var first))
            builder._edges.Insert(0, new FlowEdge(StartId, first, FlowEdgeKind.Start, null));
        if (builder._edges.Any(e => e.Kind == FlowEdgeKind.End))
            builder._nodes.Add(new FlowNode(EndId, "End", FlowNodeKind.End, null, null, null));
        return new FlowGraph(builder._nodes, builder._edges, builder._clusters);
    }

    /// <summary>Adds the states of one graph and their edges; returns the node id of each state name.</summary>
    private Dictionary<string, string> AddGraph(StateGraph graph, string pointer, string? clusterId)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var statesPointer = JsonPointer.Append(pointer, "States");
        foreach (var (name, state) in graph.States)
        {
            var id = "n" + (_stateCount++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ids[name] = id;
            _nodes.Add(new FlowNode(id, name, FlowNodeKind.State, state.Type, JsonPointer.Append(statesPointer, name), clusterId));
        }

        foreach (var (name, state) in graph.States)
        {
            var id = ids[name];
            var statePointer = JsonPointer.Append(statesPointer, name);
            AddChildren(name, state, id, statePointer, clusterId);
            AddTransitions(state, id, ids, clusterId is null);
        }

        return ids;
    }

    private void AddChildren(string name, State state, string id, string statePointer, string? clusterId)
    {
        switch (state)
        {
            case ParallelState parallel:
                for (var i = 0; i < parallel.Branches.Count; i++)
                {
                    var label = $"Branch {i + 1} of {name}";
                    var pointer = JsonPointer.Append(JsonPointer.Append(statePointer, "Branches"), i);
                    AddCluster(parallel.Branches[i], pointer, label, id, clusterId, FlowEdgeKind.Branch, $"branch {i + 1}");
                }

                break;
            case MapState { Processor: { } processor } map:
                AddCluster(processor, JsonPointer.Append(statePointer, map.ItemProcessor is not null ? "ItemProcessor" : "Iterator"),
                    $"{(processor.IsDistributed ? "Distributed items" : "Items")} of {name}", id, clusterId, FlowEdgeKind.Iteration, "each item");
                break;
        }
    }

    private void AddCluster(StateGraph graph, string pointer, string label, string ownerId, string? parentClusterId, FlowEdgeKind kind, string edgeLabel)
    {
        var clusterId = "c" + _clusters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _clusters.Add(new FlowCluster(clusterId, label, parentClusterId, pointer, ownerId));
        var ids = AddGraph(graph, pointer, clusterId);
        if (ids.TryGetValue(graph.StartAt, out var first))
            _edges.Add(new FlowEdge(ownerId, first, kind, edgeLabel));
    }

    private void AddTransitions(State state, string id, Dictionary<string, string> ids, bool topLevel)
    {
        if (state is TransitionState transition)
        {
            if (transition.Next is { } next)
                Link(id, next, ids, FlowEdgeKind.Next, null);
            else if (transition.End && topLevel)
                _edges.Add(new FlowEdge(id, EndId, FlowEdgeKind.End, null));
        }

        if (state is ChoiceState choice)
        {
            foreach (var rule in choice.Choices)
                Link(id, rule.Next, ids, FlowEdgeKind.Choice, ConditionText.Describe(rule.Condition));
            if (choice.Default is { } fallback)
                Link(id, fallback, ids, FlowEdgeKind.Default, "otherwise");
        }

        if (state is RetryableState { Catch: { } catchers })
        {
            foreach (var catcher in catchers)
                Link(id, catcher.Next, ids, FlowEdgeKind.Catch, "catch " + string.Join(", ", catcher.ErrorEquals));
        }
    }

    // A transition to a name outside the graph is the validator's to report; the drawing leaves it out.
    private void Link(string from, string target, Dictionary<string, string> ids, FlowEdgeKind kind, string? label)
    {
        if (ids.TryGetValue(target, out var to))
            _edges.Add(new FlowEdge(from, to, kind, label));
    }
}
