namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>The order within each layer: start from a depth-first reading, then sweep barycentres and swap neighbours.</summary>
internal sealed partial class LayeredLayout
{
    private const int OrderingSweeps = 24;
    private const int TransposeRounds = 6;

    private void OrderLayers()
    {
        InitialOrder();
        var best = Snapshot();
        var bestCrossings = CountAllCrossings();
        for (var sweep = 0; sweep < OrderingSweeps && bestCrossings > 0; sweep++)
        {
            var downwards = sweep % 2 == 0;
            if (downwards)
            {
                for (var layer = 1; layer < _layers.Count; layer++)
                    SortByBarycentre(layer, upwards: true);
            }
            else
            {
                for (var layer = _layers.Count - 2; layer >= 0; layer--)
                    SortByBarycentre(layer, upwards: false);
            }

            Transpose();
            var crossings = CountAllCrossings();
            if (crossings < bestCrossings)
            {
                bestCrossings = crossings;
                best = Snapshot();
            }
        }

        Restore(best);
    }

    /// <summary>Layers filled in depth-first order from the root, so that a path reads down one column and a branch sits beside it.</summary>
    private void InitialOrder()
    {
        var seen = new bool[_vertices.Count];
        var stack = new Stack<int>();
        foreach (var start in StartOrder())
        {
            if (seen[start])
                continue;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                if (seen[v])
                    continue;
                seen[v] = true;
                _layers[_vertices[v].Layer].Add(v);
                var below = _vertices[v].Below;
                for (var i = below.Count - 1; i >= 0; i--)
                {
                    if (!seen[below[i].Vertex])
                        stack.Push(below[i].Vertex);
                }
            }
        }

        // Bends of edges whose upper end came later than their lower end were not reached from above.
        for (var v = 0; v < _vertices.Count; v++)
        {
            if (!seen[v])
                _layers[_vertices[v].Layer].Add(v);
        }

        NumberPositions();
    }

    private void NumberPositions()
    {
        foreach (var layer in _layers)
        {
            for (var i = 0; i < layer.Count; i++)
                _vertices[layer[i]].Position = i;
        }
    }

    private void SortByBarycentre(int layer, bool upwards)
    {
        var vertices = _layers[layer];
        var keys = new Dictionary<int, double>(vertices.Count);
        foreach (var v in vertices)
        {
            var neighbours = upwards ? _vertices[v].Above : _vertices[v].Below;
            // A vertex with no neighbour on that side keeps its place.
            keys[v] = neighbours.Count == 0 ? _vertices[v].Position : neighbours.Average(s => (double)_vertices[s.Vertex].Position);
        }

        // OrderBy is stable: ties keep their current order, so the result is deterministic.
        var sorted = vertices.OrderBy(v => keys[v]).ToList();
        _layers[layer] = sorted;
        for (var i = 0; i < sorted.Count; i++)
            _vertices[sorted[i]].Position = i;
    }

    /// <summary>Swaps neighbours in a layer while that removes crossings with the layers above and below.</summary>
    private void Transpose()
    {
        for (var round = 0; round < TransposeRounds; round++)
        {
            var improved = false;
            foreach (var layer in _layers)
            {
                for (var i = 0; i + 1 < layer.Count; i++)
                {
                    var left = layer[i];
                    var right = layer[i + 1];
                    if (PairCrossings(right, left) < PairCrossings(left, right))
                    {
                        layer[i] = right;
                        layer[i + 1] = left;
                        _vertices[right].Position = i;
                        _vertices[left].Position = i + 1;
                        improved = true;
                    }
                }
            }

            if (!improved)
                return;
        }
    }

    /// <summary>Crossings among the segments of two neighbouring vertices, with <paramref name="left"/> on the left.</summary>
    private int PairCrossings(int left, int right) =>
        PairCrossings(_vertices[left].Above, _vertices[right].Above) + PairCrossings(_vertices[left].Below, _vertices[right].Below);

    private int PairCrossings(List<Segment> left, List<Segment> right)
    {
        var count = 0;
        foreach (var a in left)
        {
            foreach (var b in right)
            {
                if (_vertices[a.Vertex].Position > _vertices[b.Vertex].Position)
                    count++;
            }
        }

        return count;
    }

    private int CountAllCrossings()
    {
        var total = 0;
        var segments = new List<(int Upper, int Lower)>();
        for (var layer = 0; layer + 1 < _layers.Count; layer++)
        {
            segments.Clear();
            foreach (var v in _layers[layer])
            {
                foreach (var s in _vertices[v].Below)
                    segments.Add((_vertices[v].Position, _vertices[s.Vertex].Position));
            }

            for (var i = 0; i < segments.Count; i++)
            {
                for (var j = i + 1; j < segments.Count; j++)
                {
                    var (u1, l1) = segments[i];
                    var (u2, l2) = segments[j];
                    if ((u1 < u2 && l1 > l2) || (u1 > u2 && l1 < l2))
                        total++;
                }
            }
        }

        return total;
    }

    private List<int>[] Snapshot() => [.. _layers.Select(l => l.ToList())];

    private void Restore(List<int>[] layers)
    {
        for (var i = 0; i < layers.Length; i++)
            _layers[i] = layers[i];
        NumberPositions();
    }
}
