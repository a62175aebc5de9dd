using SageBuild.StateMachines.Graph;

namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>
/// Lays out a <see cref="FlowGraph"/> the way the Step Functions console draws a workflow: each Parallel or Map is a box
/// that holds its branches (or its item processor) side by side, each laid out as a graph of its own, and the box then
/// takes its place as one large state in the graph around it. Scopes are laid out from the innermost outwards.
/// </summary>
/// <remarks>ASL only lets a transition reach a state of the same branch, so every edge but the ones into a branch stays inside one scope.</remarks>
internal sealed class FlowGraphLayout
{
    private const string TopScope = "";

    private readonly FlowGraph _graph;
    private readonly Dictionary<string, List<FlowNode>> _nodesByScope = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FlowCluster>> _clustersByOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _edgesByScope = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _entryEdgeByCluster = new(StringComparer.Ordinal);
    private int _crossings;

    private FlowGraphLayout(FlowGraph graph)
    {
        _graph = graph;
        var scopeOfNode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            var scope = node.ClusterId ?? TopScope;
            scopeOfNode[node.Id] = scope;
            Add(_nodesByScope, scope, node);
        }

        foreach (var cluster in graph.Clusters)
            Add(_clustersByOwner, cluster.OwnerNodeId, cluster);

        for (var e = 0; e < graph.Edges.Count; e++)
        {
            var edge = graph.Edges[e];
            if (!scopeOfNode.TryGetValue(edge.From, out var from) || !scopeOfNode.TryGetValue(edge.To, out var to))
                throw new ArgumentException($"the edge {edge.From} -> {edge.To} names a node the graph does not have", nameof(graph));
            if (edge.Kind is FlowEdgeKind.Branch or FlowEdgeKind.Iteration)
                _entryEdgeByCluster.TryAdd(to, e);
            else if (from == to)
                Add(_edgesByScope, from, e);
            else
                throw new ArgumentException($"the edge {edge.From} -> {edge.To} leaves its branch, which ASL does not allow", nameof(graph));
        }
    }

    /// <summary>The drawing of <paramref name="graph"/>: deterministic, with no two states overlapping.</summary>
    public static GraphLayout Compute(FlowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var layout = new FlowGraphLayout(graph);
        var top = layout.LayOutScope(TopScope, rootId: "start");
        var nodes = new Dictionary<string, LayoutNode>(StringComparer.Ordinal);
        var edges = new Dictionary<int, LayoutEdge>();
        var clusters = new Dictionary<string, LayoutCluster>(StringComparer.Ordinal);
        layout.Place(top, LayoutSpacing.Margin, LayoutSpacing.Margin, nodes, edges, clusters);
        return new GraphLayout(
            top.Width + (2 * LayoutSpacing.Margin),
            top.Height + (2 * LayoutSpacing.Margin),
            [.. graph.Nodes.Select(n => nodes[n.Id])],
            [.. Enumerable.Range(0, graph.Edges.Count).Select(e => edges[e])],
            [.. graph.Clusters.Select(c => clusters[c.Id])],
            layout._crossings);
    }

    private ScopeDrawing LayOutScope(string scope, string? rootId)
    {
        var nodes = _nodesByScope.TryGetValue(scope, out var found) ? found : [];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var sizes = new List<LayeredNode>(nodes.Count);
        var containers = new Dictionary<int, ContainerDrawing>();
        for (var i = 0; i < nodes.Count; i++)
        {
            index[nodes[i].Id] = i;
            if (_clustersByOwner.TryGetValue(nodes[i].Id, out var owned))
            {
                var container = LayOutContainer(nodes[i], owned);
                containers[i] = container;
                sizes.Add(new LayeredNode(container.Width, container.Height));
            }
            else
            {
                sizes.Add(NodeSize(nodes[i]));
            }
        }

        var edgeIndexes = _edgesByScope.TryGetValue(scope, out var scoped) ? scoped : [];
        var edges = edgeIndexes.Select(e =>
        {
            var edge = _graph.Edges[e];
            var (width, height) = LabelSize(edge.Label);
            // A Catch is the exception: when something must bend, it should be the Catch's line, not the main flow.
            return new LayeredEdge(index[edge.From], index[edge.To], width, height, edge.Kind == FlowEdgeKind.Catch ? 1 : 8);
        }).ToList();
        var root = rootId is not null && index.TryGetValue(rootId, out var r) ? r : -1;
        var result = LayeredLayout.Run(sizes, edges, root);
        _crossings += result.Crossings;
        return new ScopeDrawing(nodes, edgeIndexes, result, containers);
    }

    private ContainerDrawing LayOutContainer(FlowNode owner, List<FlowCluster> owned)
    {
        var drawings = new List<ClusterDrawing>(owned.Count);
        foreach (var cluster in owned)
        {
            var start = _entryEdgeByCluster.TryGetValue(cluster.Id, out var entry) ? _graph.Edges[entry].To : null;
            var inner = LayOutScope(cluster.Id, start);
            var width = Math.Max(inner.Width, TextWidth(cluster.Label, LayoutSpacing.LabelCharWidth)) + (2 * LayoutSpacing.ClusterPadding);
            var height = ClusterContentTop + inner.Height + LayoutSpacing.ClusterPadding;
            drawings.Add(new ClusterDrawing(cluster, inner, width, height));
        }

        var branchesWidth = drawings.Sum(d => d.Width) + (LayoutSpacing.ClusterGap * Math.Max(0, drawings.Count - 1));
        var containerWidth = Math.Max(NodeSize(owner).Width, branchesWidth + (2 * LayoutSpacing.ContainerPadding));
        var containerHeight = LayoutSpacing.ContainerHeader + drawings.Max(d => d.Height) + LayoutSpacing.ContainerPadding;
        return new ContainerDrawing(drawings, containerWidth, containerHeight, branchesWidth);
    }

    /// <summary>Writes a scope's nodes, edges and clusters at (<paramref name="dx"/>, <paramref name="dy"/>), its nested scopes inside their containers.</summary>
    private void Place(ScopeDrawing scope, double dx, double dy, Dictionary<string, LayoutNode> nodes, Dictionary<int, LayoutEdge> edges, Dictionary<string, LayoutCluster> clusters)
    {
        for (var i = 0; i < scope.Nodes.Count; i++)
        {
            var box = scope.Result.Boxes[i].Offset(dx, dy);
            var isContainer = scope.Containers.TryGetValue(i, out var container);
            nodes[scope.Nodes[i].Id] = new LayoutNode(scope.Nodes[i], box, isContainer);
            if (isContainer)
                PlaceContainer(box, container!, nodes, edges, clusters);
        }

        for (var k = 0; k < scope.EdgeIndexes.Count; k++)
        {
            var route = scope.Result.Routes[k];
            edges[scope.EdgeIndexes[k]] = new LayoutEdge(
                _graph.Edges[scope.EdgeIndexes[k]],
                [.. route.Points.Select(p => p.Offset(dx, dy))],
                route.LabelBox?.Offset(dx, dy),
                route.IsBackEdge);
        }
    }

    private void PlaceContainer(LayoutRect box, ContainerDrawing container, Dictionary<string, LayoutNode> nodes, Dictionary<int, LayoutEdge> edges, Dictionary<string, LayoutCluster> clusters)
    {
        var x = box.X + ((box.Width - container.BranchesWidth) / 2);
        var y = box.Y + LayoutSpacing.ContainerHeader;
        // Branches side by side share one height, so the container reads as one row of columns.
        var height = box.Bottom - LayoutSpacing.ContainerPadding - y;
        foreach (var drawing in container.Clusters)
        {
            var clusterBox = new LayoutRect(x, y, drawing.Width, height);
            clusters[drawing.Cluster.Id] = new LayoutCluster(drawing.Cluster, clusterBox);
            Place(drawing.Inner, x + ((drawing.Width - drawing.Inner.Width) / 2), y + ClusterContentTop, nodes, edges, clusters);
            if (_entryEdgeByCluster.TryGetValue(drawing.Cluster.Id, out var entry))
            {
                // The edge into a branch runs from under the branch's title to its first state.
                var first = nodes[_graph.Edges[entry].To].Box;
                edges[entry] = new LayoutEdge(_graph.Edges[entry], [new(first.CenterX, y + LayoutSpacing.ClusterHeader), new(first.CenterX, first.Y)], null, false);
            }

            x += drawing.Width + LayoutSpacing.ClusterGap;
        }
    }

    private const double ClusterContentTop = LayoutSpacing.ClusterHeader + 14;

    internal static LayeredNode NodeSize(FlowNode node)
    {
        if (node.Kind != FlowNodeKind.State)
            return new LayeredNode(LayoutSpacing.MarkerWidth, LayoutSpacing.MarkerHeight);
        var text = Math.Max(TextWidth(node.Label, LayoutSpacing.NameCharWidth), TextWidth(node.StateType?.ToString() ?? string.Empty, LayoutSpacing.LabelCharWidth));
        // Room for the status icon on the left and padding on the right.
        return new LayeredNode(Math.Clamp(text + 44, LayoutSpacing.StateMinWidth, LayoutSpacing.StateMaxWidth), LayoutSpacing.StateHeight);
    }

    /// <summary>A label's box: one line, or as many lines of the widest allowed width as it needs.</summary>
    internal static (double Width, double Height) LabelSize(string? label)
    {
        if (string.IsNullOrEmpty(label))
            return (0, 0);
        var width = TextWidth(label, LayoutSpacing.LabelCharWidth) + LayoutSpacing.LabelPadding;
        if (width <= LayoutSpacing.LabelMaxWidth)
            return (width, LayoutSpacing.LabelHeight);
        // The page wraps at spaces, which leaves ragged lines: one line more than the arithmetic says keeps the text inside.
        var lines = Math.Min(LayoutSpacing.LabelMaxLines, (int)Math.Ceiling(width / LayoutSpacing.LabelMaxWidth) + 1);
        return (LayoutSpacing.LabelMaxWidth, lines * LayoutSpacing.LabelHeight);
    }

    private static double TextWidth(string text, double charWidth) => text.Length * charWidth;

    private static void Add<T>(Dictionary<string, List<T>> lists, string key, T item)
    {
        if (!lists.TryGetValue(key, out var list))
            lists[key] = list = [];
        list.Add(item);
    }

    private sealed record ScopeDrawing(List<FlowNode> Nodes, List<int> EdgeIndexes, LayeredResult Result, Dictionary<int, ContainerDrawing> Containers)
    {
        public double Width => Result.Width;

        public double Height => Result.Height;
    }

    private sealed record ClusterDrawing(FlowCluster Cluster, ScopeDrawing Inner, double Width, double Height);

    private sealed record ContainerDrawing(List<ClusterDrawing> Clusters, double Width, double Height, double BranchesWidth);
}
