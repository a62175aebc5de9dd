namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>Where each layer goes down the page, and where each vertex goes across it.</summary>
internal sealed partial class LayeredLayout
{
    private const int SettlingRounds = 1000;
    private const double SettledWithin = 0.01;
    private const int StraighteningRounds = 16;

    private void AssignY()
    {
        var top = 0.0;
        for (var layer = 0; layer < _layers.Count; layer++)
        {
            var height = _layers[layer].Count == 0 ? 0 : _layers[layer].Max(v => _vertices[v].Height);
            _bands.Add((top, top + height));
            foreach (var v in _layers[layer])
                _vertices[v].Y = top + (height / 2);
            top += height + LayoutSpacing.LayerGap;
        }
    }

    /// <summary>
    /// Packs each layer from the left, then moves one layer at a time to its best place given its neighbouring layers,
    /// keeping the order and the gaps. First under squared loss until nothing moves: that has a single best placement,
    /// which the sweeps reach from any start, so whole groups of layers settle together (a path of absolute-loss moves
    /// alone gets stuck far from it). Then under absolute loss, which only ever lowers the total and straightens paths
    /// that squared loss leaves slightly bent. Weights make long edges (bend to bend) stiffest, and a Catch the first to give.
    /// </summary>
    private void AssignX()
    {
        foreach (var layer in _layers)
        {
            for (var i = 0; i < layer.Count; i++)
                _vertices[layer[i]].X = i == 0 ? _vertices[layer[i]].Left : _vertices[layer[i - 1]].X + MinDistance(layer[i - 1], layer[i]);
        }

        for (var round = 0; round < SettlingRounds; round++)
        {
            var moved = 0.0;
            for (var layer = 0; layer < _layers.Count; layer++)
                moved = Math.Max(moved, Place(layer, squares: true));
            if (moved < SettledWithin)
                break;
        }

        for (var round = 0; round < StraighteningRounds; round++)
        {
            for (var layer = 0; layer < _layers.Count; layer++)
                Place(round % 2 == 0 ? layer : _layers.Count - 1 - layer, squares: false);
        }

        var minimum = _vertices.Min(v => v.X - v.Left);
        foreach (var v in _vertices)
            v.X -= minimum;
    }

    /// <summary>Places one layer; returns how far its vertices moved, at most.</summary>
    private double Place(int layer, bool squares)
    {
        var vertices = _layers[layer];
        if (vertices.Count == 0)
            return 0;
        var wishes = new List<(double Position, double Weight)>[vertices.Count];
        var distances = new double[Math.Max(0, vertices.Count - 1)];
        for (var i = 0; i < vertices.Count; i++)
        {
            var v = _vertices[vertices[i]];
            var wish = new List<(double Position, double Weight)>();
            wish.AddRange(v.Above.Select(s => (_vertices[s.Vertex].X, s.Weight)));
            wish.AddRange(v.Below.Select(s => (_vertices[s.Vertex].X, s.Weight)));
            // A vertex with no neighbour at all stays put, pulling gently.
            if (wish.Count == 0)
                wish.Add((v.X, 0.25));
            wishes[i] = wish;
            if (i > 0)
                distances[i - 1] = MinDistance(vertices[i - 1], vertices[i]);
        }

        var anchors = squares
            ? OrderedPlacement.SolveSquares(wishes, distances)
            : OrderedPlacement.SolveAbsolute([.. vertices.Select(v => _vertices[v].X)], wishes, distances);
        var moved = 0.0;
        for (var i = 0; i < vertices.Count; i++)
        {
            moved = Math.Max(moved, Math.Abs(_vertices[vertices[i]].X - anchors[i]));
            _vertices[vertices[i]].X = anchors[i];
        }

        return moved;
    }

    private double MinDistance(int left, int right)
    {
        var a = _vertices[left];
        var b = _vertices[right];
        // A bend's own extent already holds half an edge gap on each side.
        var gap = (a.IsBend, b.IsBend) switch
        {
            (true, true) => 0,
            (false, false) => LayoutSpacing.NodeGap,
            _ => LayoutSpacing.EdgeGap / 2,
        };
        return a.Right + gap + b.Left;
    }
}
