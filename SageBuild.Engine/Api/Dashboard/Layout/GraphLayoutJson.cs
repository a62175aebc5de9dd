using System.Text.Json;

namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>
/// Writes a <see cref="GraphLayout"/> as the JSON the dashboard draws: sizes and positions in whole tenths of a pixel,
/// points as <c>[x, y]</c> pairs, kinds in camel case.
/// </summary>
internal static class GraphLayoutJson
{
    public static void Write(Utf8JsonWriter json, GraphLayout layout)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(layout);
        json.WriteStartObject();
        json.WriteNumber("width", Round(layout.Width));
        json.WriteNumber("height", Round(layout.Height));
        json.WriteStartArray("nodes");
        foreach (var node in layout.Nodes)
        {
            json.WriteStartObject();
            json.WriteString("id", node.Node.Id);
            json.WriteString("label", node.Node.Label);
            json.WriteString("kind", Camel(node.Node.Kind.ToString()));
            if (node.Node.StateType is { } type)
                json.WriteString("type", type.ToString());
            if (node.Node.ClusterId is { } cluster)
                json.WriteString("cluster", cluster);
            WriteBox(json, node.Box);
            json.WriteBoolean("container", node.IsContainer);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("edges");
        foreach (var edge in layout.Edges)
        {
            json.WriteStartObject();
            json.WriteString("from", edge.Edge.From);
            json.WriteString("to", edge.Edge.To);
            json.WriteString("kind", Camel(edge.Edge.Kind.ToString()));
            if (edge.Edge.Label is { } label)
                json.WriteString("label", label);
            json.WriteStartArray("points");
            foreach (var point in edge.Points)
            {
                json.WriteStartArray();
                json.WriteNumberValue(Round(point.X));
                json.WriteNumberValue(Round(point.Y));
                json.WriteEndArray();
            }

            json.WriteEndArray();
            if (edge.LabelBox is { } box)
            {
                json.WriteStartObject("labelBox");
                WriteBox(json, box);
                json.WriteEndObject();
            }

            json.WriteBoolean("back", edge.IsBackEdge);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("clusters");
        foreach (var cluster in layout.Clusters)
        {
            json.WriteStartObject();
            json.WriteString("id", cluster.Cluster.Id);
            json.WriteString("label", cluster.Cluster.Label);
            json.WriteString("owner", cluster.Cluster.OwnerNodeId);
            if (cluster.Cluster.ParentClusterId is { } parent)
                json.WriteString("parent", parent);
            WriteBox(json, cluster.Box);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteBox(Utf8JsonWriter json, LayoutRect box)
    {
        json.WriteNumber("x", Round(box.X));
        json.WriteNumber("y", Round(box.Y));
        json.WriteNumber("width", Round(box.Width));
        json.WriteNumber("height", Round(box.Height));
    }

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static string Camel(string name) => string.Create(name.Length, name, static (span, text) =>
    {
        text.AsSpan().CopyTo(span);
        span[0] = char.ToLowerInvariant(span[0]);
    });
}
