namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>An edge to route between two nodes (indexes), with the size of its label (zero when it has none).</summary>
/// <param name="From">The source node's index.</param>
/// <param name="To">The target node's index.</param>
/// <param name="LabelWidth">The label's width, or zero.</param>
/// <param name="LabelHeight">The label's height, or zero.</param>
/// <param name="Weight">How much keeping this edge straight matters, relative to other edges (the main flow over a Catch).</param>
internal readonly record struct LayeredEdge(int From, int To, double LabelWidth = 0, double LabelHeight = 0, double Weight = 1)
{
    public bool HasLabel => LabelWidth > 0;
}
