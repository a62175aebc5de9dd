namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>Each edge as a polyline through its bends, leaving and entering its states at spread-out ports.</summary>
internal sealed partial class LayeredLayout
{
    /// <summary>Below this width a box has one port in the middle (the Start and End markers).</summary>
    private const double MinWidthForSpreadPorts = 80;

    private LayeredRoute Route(int edge, LayoutRect[] boxes)
    {
        var chain = _chains[edge];
        var label = _edges[edge];
        if (chain.Count == 1)
            return SelfLoop(boxes[chain[0]], label);

        // Every line crosses a layer's band straight down and turns only in the gaps between bands, where no box is:
        // so no edge runs through a state.
        var points = new List<LayoutPoint>(2 * chain.Count);
        var upper = chain[0];
        var lower = chain[^1];
        var start = Port(upper, chain[1], boxes[upper], downwards: true);
        AddPoint(points, new LayoutPoint(start, boxes[upper].Bottom));
        AddPoint(points, new LayoutPoint(start, _bands[_vertices[upper].Layer].Bottom));
        LayoutRect? labelBox = null;
        for (var i = 1; i < chain.Count - 1; i++)
        {
            var bend = _vertices[chain[i]];
            var (top, bottom) = _bands[bend.Layer];
            AddPoint(points, new LayoutPoint(bend.X, top));
            AddPoint(points, new LayoutPoint(bend.X, bottom));
            if (bend.LabelOf == edge)
                labelBox = new LayoutRect(bend.X + LayoutSpacing.LabelGap, bend.Y - (label.LabelHeight / 2), label.LabelWidth, label.LabelHeight);
        }

        var end = Port(lower, chain[^2], boxes[lower], downwards: false);
        AddPoint(points, new LayoutPoint(end, _bands[_vertices[lower].Layer].Top));
        AddPoint(points, new LayoutPoint(end, boxes[lower].Y));
        if (_reversed[edge])
            points.Reverse();
        return new LayeredRoute(points, labelBox, _reversed[edge]);
    }

    private static void AddPoint(List<LayoutPoint> points, LayoutPoint point)
    {
        if (points.Count == 0 || points[^1] != point)
            points.Add(point);
    }

    /// <summary>
    /// Where the segment from <paramref name="vertex"/> to <paramref name="neighbour"/> meets the box: segments leaving
    /// one side are spread evenly across it in the order of their other ends, so that they do not cross at the box.
    /// </summary>
    private double Port(int vertex, int neighbour, LayoutRect box, bool downwards)
    {
        var segments = downwards ? _vertices[vertex].Below : _vertices[vertex].Above;
        if (segments.Count == 1 || box.Width < MinWidthForSpreadPorts)
            return box.CenterX;
        var ordered = segments.Select(s => s.Vertex).OrderBy(v => _vertices[v].X).ThenBy(v => _vertices[v].Position).ToList();
        var index = ordered.IndexOf(neighbour);
        return box.X + (box.Width * (index + 1) / (ordered.Count + 1));
    }

    private static LayeredRoute SelfLoop(LayoutRect box, LayeredEdge edge)
    {
        const double Rise = 8;
        var reach = box.Right + LayoutSpacing.SelfLoopReach;
        LayoutPoint[] points =
        [
            new(box.Right, box.CenterY - Rise),
            new(reach, box.CenterY - Rise),
            new(reach, box.CenterY + Rise),
            new(box.Right, box.CenterY + Rise),
        ];
        LayoutRect? label = edge.HasLabel
            ? new LayoutRect(reach + LayoutSpacing.LabelGap, box.CenterY - (edge.LabelHeight / 2), edge.LabelWidth, edge.LabelHeight)
            : null;
        return new LayeredRoute(points, label, IsBackEdge: true);
    }
}
