namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>A drawing of a <see cref="SageBuild.StateMachines.Graph.FlowGraph"/>: where every node, edge and cluster goes.</summary>
/// <param name="Width">The drawing's width, margins included.</param>
/// <param name="Height">The drawing's height, margins included.</param>
/// <param name="Nodes">Every node of the graph, in the graph's order.</param>
/// <param name="Edges">Every edge of the graph, in the graph's order.</param>
/// <param name="Clusters">Every cluster of the graph, in the graph's order, each inside the Parallel or Map that runs it.</param>
/// <param name="Crossings">How many pairs of edge segments cross, summed over every scope.</param>
internal sealed record GraphLayout(double Width, double Height, IReadOnlyList<LayoutNode> Nodes, IReadOnlyList<LayoutEdge> Edges, IReadOnlyList<LayoutCluster> Clusters, int Crossings);
