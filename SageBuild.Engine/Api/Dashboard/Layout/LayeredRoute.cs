namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>How one edge is drawn: a polyline from its source's border to its target's, and where its label goes.</summary>
/// <param name="Points">From the source to the target (an arrow at the last point).</param>
/// <param name="LabelBox">Where the label goes, beside the line; null without a label.</param>
/// <param name="IsBackEdge">Whether the edge goes back up (it closes a loop).</param>
internal sealed record LayeredRoute(IReadOnlyList<LayoutPoint> Points, LayoutRect? LabelBox, bool IsBackEdge);
