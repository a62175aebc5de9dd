namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>
/// A layered (Sugiyama-style) drawing of one directed graph, top to bottom: loops are broken by reversing the edges that
/// go back along a depth-first search from the start; states are ranked by their longest path from the start; every
/// edge is cut into one segment per layer it crosses (its bends, one of which carries its label); the order within each
/// layer is chosen to reduce crossings; then each layer is placed as close as possible under and over its neighbours.
/// </summary>
/// <remarks>
/// Ranks are doubled, so that every edge has at least one bend in the layer between two layers of states. That layer
/// holds the labels (a Choice rule's condition, a Catch's errors) and gives every edge room to turn. The result only
/// depends on the order of the nodes and edges given, never on hashing or timing: the same graph draws the same way.
/// </remarks>
internal sealed partial class LayeredLayout
{
    private readonly List<Vertex> _vertices = [];
    private readonly List<List<int>> _layers = [];

    /// <summary>The top and bottom of each layer's band: edges cross a band straight down, and turn only between bands.</summary>
    private readonly List<(double Top, double Bottom)> _bands = [];
    private readonly IReadOnlyList<LayeredNode> _nodes;
    private readonly IReadOnlyList<LayeredEdge> _edges;
    private readonly int _root;
    private readonly bool[] _reversed;
    private readonly List<int>[] _chains;
    private readonly double[] _selfLoopReach;

    private LayeredLayout(IReadOnlyList<LayeredNode> nodes, IReadOnlyList<LayeredEdge> edges, int root)
    {
        _nodes = nodes;
        _edges = edges;
        _root = root;
        _reversed = new bool[edges.Count];
        _chains = new List<int>[edges.Count];
        _selfLoopReach = new double[nodes.Count];
    }

    /// <summary>Lays out <paramref name="nodes"/> and <paramref name="edges"/>, with <paramref name="root"/> (an index into the nodes, or -1) on top.</summary>
    /// <returns>Boxes and routes, with the drawing's top-left corner at (0, 0).</returns>
    public static LayeredResult Run(IReadOnlyList<LayeredNode> nodes, IReadOnlyList<LayeredEdge> edges, int root)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        foreach (var edge in edges)
        {
            if (edge.From < 0 || edge.From >= nodes.Count || edge.To < 0 || edge.To >= nodes.Count)
                throw new ArgumentException($"an edge joins node {edge.From} to node {edge.To}, but there are {nodes.Count} nodes", nameof(edges));
        }

        if (nodes.Count == 0)
            return new LayeredResult([], [.. edges.Select(_ => new LayeredRoute([], null, false))], 0, 0, 0);
        var layout = new LayeredLayout(nodes, edges, root);
        layout.MeasureSelfLoops();
        layout.BreakCycles();
        layout.CreateVertices(layout.Rank());
        layout.OrderLayers();
        layout.AssignY();
        layout.AssignX();
        return layout.Result();
    }

    private void MeasureSelfLoops()
    {
        foreach (var edge in _edges)
        {
            if (edge.From == edge.To)
                _selfLoopReach[edge.From] = Math.Max(_selfLoopReach[edge.From], LayoutSpacing.SelfLoopReach + (edge.HasLabel ? LayoutSpacing.LabelGap + edge.LabelWidth : 0));
        }
    }

    /// <summary>Reverses every edge that leads back to a state still on the depth-first path: what is left has no cycle.</summary>
    private void BreakCycles()
    {
        var outgoing = Enumerable.Range(0, _nodes.Count).Select(_ => new List<int>()).ToArray();
        for (var e = 0; e < _edges.Count; e++)
        {
            if (_edges[e].From != _edges[e].To)
                outgoing[_edges[e].From].Add(e);
        }

        var state = new byte[_nodes.Count]; // 0 unseen, 1 on the path, 2 done
        var stack = new Stack<(int Node, int Next)>();
        foreach (var start in StartOrder())
        {
            if (state[start] != 0)
                continue;
            state[start] = 1;
            stack.Push((start, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next == outgoing[node].Count)
                {
                    state[node] = 2;
                    continue;
                }

                stack.Push((node, next + 1));
                var edge = outgoing[node][next];
                var target = _edges[edge].To;
                if (state[target] == 1)
                {
                    _reversed[edge] = true;
                }
                else if (state[target] == 0)
                {
                    state[target] = 1;
                    stack.Push((target, 0));
                }
            }
        }
    }

    private IEnumerable<int> StartOrder()
    {
        if (_root >= 0 && _root < _nodes.Count)
            yield return _root;
        for (var i = 0; i < _nodes.Count; i++)
            yield return i;
    }

    private (int Upper, int Lower) Oriented(int edge) =>
        _reversed[edge] ? (_edges[edge].To, _edges[edge].From) : (_edges[edge].From, _edges[edge].To);

    /// <summary>Each node's rank: the length of the longest path to it from a node nothing leads to.</summary>
    private int[] Rank()
    {
        var count = _nodes.Count;
        var below = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var above = new int[count];
        for (var e = 0; e < _edges.Count; e++)
        {
            if (_edges[e].From == _edges[e].To)
                continue;
            var (upper, lower) = Oriented(e);
            below[upper].Add(lower);
            above[lower]++;
        }

        var hasAbove = above.Select(a => a > 0).ToArray();
        var ranks = new int[count];
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < count; i++)
        {
            if (above[i] == 0)
                ready.Enqueue(i, i);
        }

        var topological = new List<int>(count);
        while (ready.TryDequeue(out var node, out _))
        {
            topological.Add(node);
            foreach (var lower in below[node])
            {
                ranks[lower] = Math.Max(ranks[lower], ranks[node] + 1);
                if (--above[lower] == 0)
                    ready.Enqueue(lower, lower);
            }
        }

        // A state nothing leads to (other than the start) sits just above the first state it leads to, not on top.
        for (var t = topological.Count - 1; t >= 0; t--)
        {
            var node = topological[t];
            if (node != _root && !hasAbove[node] && below[node].Count > 0)
                ranks[node] = Math.Max(0, below[node].Min(lower => ranks[lower]) - 1);
        }

        return ranks;
    }

    /// <summary>One vertex per node, at twice its rank, and one per layer that each edge crosses, linked segment by segment.</summary>
    private void CreateVertices(int[] ranks)
    {
        for (var i = 0; i < _nodes.Count; i++)
        {
            var half = _nodes[i].Width / 2;
            _vertices.Add(new Vertex(2 * ranks[i], half, half + _selfLoopReach[i], _nodes[i].Height, isBend: false));
        }

        for (var e = 0; e < _edges.Count; e++)
        {
            var edge = _edges[e];
            if (edge.From == edge.To)
            {
                _chains[e] = [edge.From];
                continue;
            }

            var (upper, lower) = Oriented(e);
            // The label goes on the bend nearest the edge's own source, where a reader looks for it.
            var labelLayer = _reversed[e] ? _vertices[lower].Layer - 1 : _vertices[upper].Layer + 1;
            var chain = new List<int> { upper };
            for (var layer = _vertices[upper].Layer + 1; layer < _vertices[lower].Layer; layer++)
            {
                var bend = _vertices.Count;
                _vertices.Add(edge.HasLabel && layer == labelLayer
                    ? new Vertex(layer, LayoutSpacing.EdgeGap / 2, LayoutSpacing.LabelGap + edge.LabelWidth, edge.LabelHeight, isBend: true) { LabelOf = e }
                    : new Vertex(layer, LayoutSpacing.EdgeGap / 2, LayoutSpacing.EdgeGap / 2, 0, isBend: true));
                Link(chain[^1], bend, edge.Weight);
                chain.Add(bend);
            }

            Link(chain[^1], lower, edge.Weight);
            chain.Add(lower);
            _chains[e] = chain;
        }

        var layerCount = _vertices.Max(v => v.Layer) + 1;
        for (var l = 0; l < layerCount; l++)
            _layers.Add([]);
    }

    private void Link(int upper, int lower, double edgeWeight)
    {
        // Long edges should run straight: a segment between two bends pulls hardest (a Catch's long line then bends once
        // rather than zig-zagging down the page), one between two states least.
        var weight = edgeWeight * (_vertices[upper].IsBend, _vertices[lower].IsBend) switch { (true, true) => 128.0, (false, false) => 1.0, _ => 2.0 };
        _vertices[upper].Below.Add(new Segment(lower, weight));
        _vertices[lower].Above.Add(new Segment(upper, weight));
    }

    private LayeredResult Result()
    {
        var boxes = new LayoutRect[_nodes.Count];
        for (var i = 0; i < _nodes.Count; i++)
        {
            var v = _vertices[i];
            boxes[i] = new LayoutRect(v.X - (_nodes[i].Width / 2), v.Y - (_nodes[i].Height / 2), _nodes[i].Width, _nodes[i].Height);
        }

        var routes = new LayeredRoute[_edges.Count];
        for (var e = 0; e < _edges.Count; e++)
            routes[e] = Route(e, boxes);

        var width = _vertices.Max(v => v.X + v.Right);
        var height = boxes.Max(b => b.Bottom);
        foreach (var route in routes)
        {
            foreach (var point in route.Points)
            {
                width = Math.Max(width, point.X);
                height = Math.Max(height, point.Y);
            }

            if (route.LabelBox is { } label)
                width = Math.Max(width, label.Right);
        }

        return new LayeredResult(boxes, routes, width, height, CountAllCrossings());
    }

    /// <summary>A vertex: a node, or the bend of an edge in one layer. Its anchor X is the node's centre, or the edge's line.</summary>
    private sealed class Vertex(int layer, double left, double right, double height, bool isBend)
    {
        public int Layer { get; } = layer;

        /// <summary>How far the vertex reaches left of its anchor.</summary>
        public double Left { get; } = left;

        /// <summary>How far the vertex reaches right of its anchor (a label, a self-loop).</summary>
        public double Right { get; } = right;

        public double Height { get; } = height;

        public bool IsBend { get; } = isBend;

        /// <summary>The edge whose label this bend carries, or -1.</summary>
        public int LabelOf { get; init; } = -1;

        public List<Segment> Above { get; } = [];

        public List<Segment> Below { get; } = [];

        public int Position { get; set; }

        public double X { get; set; }

        /// <summary>The vertical centre of the vertex's layer.</summary>
        public double Y { get; set; }
    }

    private readonly record struct Segment(int Vertex, double Weight);
}
