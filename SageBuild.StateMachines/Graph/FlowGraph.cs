using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Graph;

/// <summary>
/// The flow of a definition as nodes, labelled edges and clusters, independent of any renderer: the CLI
/// prints it as Mermaid or Graphviz DOT, and the dashboard draws it. The same definition always gives the
/// same graph, in document order.
/// </summary>
/// <param name="Nodes">The states, plus a Start node and an End node for the top level.</param>
/// <param name="Edges">The transitions between nodes.</param>
/// <param name="Clusters">One cluster per Parallel branch and per Map item processor, nested as in the definition.</param>
public sealed record FlowGraph(IReadOnlyList<FlowNode> Nodes, IReadOnlyList<FlowEdge> Edges, IReadOnlyList<FlowCluster> Clusters)
{
    /// <summary>The graph of <paramref name="definition"/>.</summary>
    public static FlowGraph From(StateMachineDefinition definition) => FlowGraphBuilder.Build(definition);
}
