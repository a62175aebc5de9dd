using System.Text;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Graph;

/// <summary>Renders a <see cref="FlowGraph"/> as a Mermaid <c>flowchart TD</c>, the same text for the same graph.</summary>
public static class MermaidRenderer
{
    /// <summary>The Mermaid text of <paramref name="graph"/>, ending in a newline.</summary>
    public static string Render(FlowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var text = new StringBuilder("flowchart TD\n");
        WriteScope(graph, null, 1, text);
        foreach (var edge in graph.Edges)
        {
            var arrow = edge.Kind == FlowEdgeKind.Catch ? "-.->" : "-->";
            text.Append("    ").Append(edge.From).Append(' ').Append(arrow);
            if (edge.Label is { } label)
                text.Append("|\"").Append(Escape(label)).Append("\"|");
            text.Append(' ').Append(edge.To).Append('\n');
        }

        return text.ToString();
    }

    private static void WriteScope(FlowGraph graph, string? clusterId, int depth, StringBuilder text)
    {
        var indent = new string(' ', depth * 4);
        foreach (var node in graph.Nodes.Where(n => n.ClusterId == clusterId))
            text.Append(indent).Append(node.Id).Append(Shape(node)).Append('\n');
        foreach (var cluster in graph.Clusters.Where(c => c.ParentClusterId == clusterId))
        {
            text.Append(indent).Append("subgraph ").Append(cluster.Id).Append(" [\"").Append(Escape(cluster.Label)).Append("\"]\n");
            WriteScope(graph, cluster.Id, depth + 1, text);
            text.Append(indent).Append("end\n");
        }
    }

    private static string Shape(FlowNode node)
    {
        var label = Escape(node.Kind == FlowNodeKind.State ? $"{node.Label}<br/><i>{node.StateType}</i>" : node.Label);
        return node.Kind switch
        {
            FlowNodeKind.Start or FlowNodeKind.End => $"((\"{label}\"))",
            _ => node.StateType switch
            {
                StateType.Choice => $"{{\"{label}\"}}",
                StateType.Succeed or StateType.Fail => $"([\"{label}\"])",
                StateType.Parallel or StateType.Map => $"[[\"{label}\"]]",
                StateType.Wait => $"[/\"{label}\"/]",
                _ => $"[\"{label}\"]",
            },
        };
    }

    // Mermaid reads entity codes inside quoted labels, so a quote becomes #quot; rather than breaking the label.
    private static string Escape(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
