using SageBuild.StateMachines.Graph;

namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>How an edge is drawn: a polyline from its source to its target (an arrow at the end), and its label's box.</summary>
internal sealed record LayoutEdge(FlowEdge Edge, IReadOnlyList<LayoutPoint> Points, LayoutRect? LabelBox, bool IsBackEdge);
