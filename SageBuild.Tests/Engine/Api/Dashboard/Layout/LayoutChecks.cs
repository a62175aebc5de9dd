using SageBuild.Engine.Api.Dashboard.Layout;
using SageBuild.StateMachines.Graph;

namespace SageBuild.Tests.Engine.Api.Dashboard.Layout;

/// <summary>What makes a drawing readable, checked one by one; each problem says which node or edge and why.</summary>
internal static class LayoutChecks
{
    private const double Tolerance = 0.5;

    public static List<string> Problems(FlowGraph graph, GraphLayout layout)
    {
        var problems = new List<string>();
        var nodes = layout.Nodes.ToDictionary(n => n.Node.Id);
        var clusters = layout.Clusters.ToDictionary(c => c.Cluster.Id);
        var canvas = new LayoutRect(0, 0, layout.Width, layout.Height);

        if (layout.Nodes.Count != graph.Nodes.Count || layout.Edges.Count != graph.Edges.Count || layout.Clusters.Count != graph.Clusters.Count)
            problems.Add($"the layout has {layout.Nodes.Count}/{layout.Edges.Count}/{layout.Clusters.Count} nodes/edges/clusters, the graph {graph.Nodes.Count}/{graph.Edges.Count}/{graph.Clusters.Count}");

        foreach (var node in layout.Nodes)
        {
            if (!canvas.Encloses(node.Box))
                problems.Add($"{Name(node)} lies outside the drawing");
            if (node.Node.ClusterId is { } clusterId && !clusters[clusterId].Box.Encloses(node.Box))
                problems.Add($"{Name(node)} is not inside its cluster {clusterId}");
        }

        foreach (var cluster in layout.Clusters)
        {
            if (!nodes[cluster.Cluster.OwnerNodeId].Box.Encloses(cluster.Box))
                problems.Add($"cluster {cluster.Cluster.Id} is not inside {Name(nodes[cluster.Cluster.OwnerNodeId])}, which runs it");
            foreach (var other in layout.Clusters.Where(c => c.Cluster.OwnerNodeId == cluster.Cluster.OwnerNodeId && string.CompareOrdinal(c.Cluster.Id, cluster.Cluster.Id) > 0))
            {
                if (cluster.Box.Overlaps(other.Box))
                    problems.Add($"clusters {cluster.Cluster.Id} and {other.Cluster.Id} of one Parallel overlap");
            }
        }

        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            for (var j = i + 1; j < layout.Nodes.Count; j++)
            {
                var (a, b) = (layout.Nodes[i], layout.Nodes[j]);
                if (!IsAncestor(a, b, nodes, clusters) && !IsAncestor(b, a, nodes, clusters) && a.Box.Overlaps(b.Box))
                    problems.Add($"{Name(a)} and {Name(b)} overlap");
            }
        }

        foreach (var edge in layout.Edges)
        {
            var from = nodes[edge.Edge.From];
            var to = nodes[edge.Edge.To];
            var name = $"edge {from.Node.Label} -> {to.Node.Label} ({edge.Edge.Kind})";
            if (edge.Points.Count < 2)
            {
                problems.Add($"{name} has {edge.Points.Count} points");
                continue;
            }

            if (!from.Box.Contains(edge.Points[0], Tolerance))
                problems.Add($"{name} does not start at its source");
            if (!OnBorder(to.Box, edge.Points[^1]))
                problems.Add($"{name} does not end on its target's border");
            foreach (var point in edge.Points)
            {
                if (!canvas.Contains(point, Tolerance))
                    problems.Add($"{name} leaves the drawing");
            }

            // An edge may run through its own ends and the containers around them; through any other state, it misleads.
            foreach (var node in layout.Nodes)
            {
                if (node == from || node == to || IsAncestor(node, from, nodes, clusters) || IsAncestor(node, to, nodes, clusters))
                    continue;
                var inner = new LayoutRect(node.Box.X + Tolerance, node.Box.Y + Tolerance, node.Box.Width - (2 * Tolerance), node.Box.Height - (2 * Tolerance));
                for (var k = 0; k + 1 < edge.Points.Count; k++)
                {
                    if (SegmentCrosses(edge.Points[k], edge.Points[k + 1], inner))
                    {
                        problems.Add($"{name} runs through {Name(node)}");
                        break;
                    }
                }

                if (edge.LabelBox is { } label && label.Overlaps(node.Box))
                    problems.Add($"the label of {name} covers {Name(node)}");
            }
        }

        return problems;
    }

    /// <summary>Whether <paramref name="outer"/> is a Parallel or Map that (through its clusters) holds <paramref name="inner"/>.</summary>
    public static bool IsAncestor(LayoutNode outer, LayoutNode inner, Dictionary<string, LayoutNode> nodes, Dictionary<string, LayoutCluster> clusters)
    {
        for (var clusterId = inner.Node.ClusterId; clusterId is not null;)
        {
            var owner = nodes[clusters[clusterId].Cluster.OwnerNodeId];
            if (owner == outer)
                return true;
            clusterId = owner.Node.ClusterId;
        }

        return false;
    }

    private static bool OnBorder(LayoutRect box, LayoutPoint point) =>
        box.Contains(point, Tolerance)
        && (Math.Abs(point.Y - box.Y) < Tolerance || Math.Abs(point.Y - box.Bottom) < Tolerance
            || Math.Abs(point.X - box.X) < Tolerance || Math.Abs(point.X - box.Right) < Tolerance);

    /// <summary>Whether the segment passes through the box (Liang-Barsky clipping).</summary>
    private static bool SegmentCrosses(LayoutPoint a, LayoutPoint b, LayoutRect box)
    {
        if (box.Width <= 0 || box.Height <= 0)
            return false;
        double t0 = 0, t1 = 1;
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        foreach (var (p, q) in new[] { (-dx, a.X - box.X), (dx, box.Right - a.X), (-dy, a.Y - box.Y), (dy, box.Bottom - a.Y) })
        {
            if (p == 0)
            {
                if (q < 0)
                    return false;
                continue;
            }

            var t = q / p;
            if (p < 0)
                t0 = Math.Max(t0, t);
            else
                t1 = Math.Min(t1, t);
            if (t0 > t1)
                return false;
        }

        return t1 - t0 > 1e-9;
    }

    private static string Name(LayoutNode node) => $"'{node.Node.Label}' ({node.Node.Id})";
}
