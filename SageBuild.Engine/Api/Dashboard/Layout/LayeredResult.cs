namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>A <see cref="LayeredLayout"/>: one box per node and one route per edge, in the order given.</summary>
/// <param name="Boxes">The nodes' boxes.</param>
/// <param name="Routes">The edges' routes.</param>
/// <param name="Width">The drawing's width (it starts at x = 0).</param>
/// <param name="Height">The drawing's height (it starts at y = 0).</param>
/// <param name="Crossings">How many pairs of edge segments cross.</param>
internal sealed record LayeredResult(IReadOnlyList<LayoutRect> Boxes, IReadOnlyList<LayeredRoute> Routes, double Width, double Height, int Crossings);
