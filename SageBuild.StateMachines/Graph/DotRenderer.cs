using System.Text;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Graph;

/// <summary>Renders a <see cref="FlowGraph"/> as Graphviz DOT, the same text for the same graph.</summary>
public static class DotRenderer
{
    /// <summary>The DOT text of <paramref name="graph"/>, ending in a newline.</summary>
    public static string Render(FlowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var text = new StringBuilder("digraph StateMachine {\n");
        text.Append("    rankdir=TB;\n");
        text.Append("    node [fontname=\"Helvetica\", fontsize=11];\n");
        text.Append("    edge [fontname=\"Helvetica\", fontsize=9];\n");
        WriteScope(graph, null, 1, text);
        foreach (var edge in graph.Edges)
        {
            text.Append("    ").Append(edge.From).Append(" -> ").Append(edge.To);
            var attributes = new List<string>();
            if (edge.Label is { } label)
                attributes.Add($"label=\"{Escape(label)}\"");
            if (edge.Kind == FlowEdgeKind.Catch)
                attributes.Add("style=dashed, color=\"#b22222\"");
            if (edge.Kind is FlowEdgeKind.Branch or FlowEdgeKind.Iteration)
                attributes.Add("style=bold");
            if (attributes.Count > 0)
                text.Append(" [").Append(string.Join(", ", attributes)).Append(']');
            text.Append(";\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static void WriteScope(FlowGraph graph, string? clusterId, int depth, StringBuilder text)
    {
        var indent = new string(' ', depth * 4);
        foreach (var node in graph.Nodes.Where(n => n.ClusterId == clusterId))
            text.Append(indent).Append(node.Id).Append(" [").Append(Attributes(node)).Append("];\n");
        foreach (var cluster in graph.Clusters.Where(c => c.ParentClusterId == clusterId))
        {
            // Graphviz draws a subgraph as a box only when its name starts with "cluster".
            text.Append(indent).Append("subgraph cluster_").Append(cluster.Id).Append(" {\n");
            text.Append(indent).Append("    label=\"").Append(Escape(cluster.Label)).Append("\";\n");
            text.Append(indent).Append("    style=rounded;\n");
            WriteScope(graph, cluster.Id, depth + 1, text);
            text.Append(indent).Append("}\n");
        }
    }

    private static string Attributes(FlowNode node)
    {
        if (node.Kind != FlowNodeKind.State)
            return $"label=\"{Escape(node.Label)}\", shape=circle, style=filled, fillcolor=\"#333333\", fontcolor=white";
        var label = $"label=\"{Escape(node.Label)}\\n({node.StateType})\"";
        return node.StateType switch
        {
            StateType.Choice => label + ", shape=diamond",
            StateType.Succeed => label + ", shape=box, style=\"rounded,filled\", fillcolor=\"#d4edda\"",
            StateType.Fail => label + ", shape=box, style=\"rounded,filled\", fillcolor=\"#f8d7da\"",
            StateType.Parallel or StateType.Map => label + ", shape=box3d",
            StateType.Wait => label + ", shape=parallelogram",
            _ => label + ", shape=box, style=rounded",
        };
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
