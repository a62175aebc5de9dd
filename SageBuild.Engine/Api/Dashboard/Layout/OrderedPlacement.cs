namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>
/// Places the items of one layer, in their given order and with a least distance between neighbours, where they pull
/// hardest: each item has weighted wishes (the positions of its neighbours in other layers), and the placement
/// minimises the weighted sum of distances to them. With the distances folded in as offsets this is isotonic
/// regression under absolute loss, which pool-adjacent-violators solves exactly: a block of items that must touch sits
/// at the weighted median of its members' wishes.
/// </summary>
/// <remarks>
/// Absolute loss rather than squares is what keeps a path straight: a state with one edge leaving sideways stays under
/// the state above it and the side edge bends once, instead of every state down the path drifting a little (the
/// network-simplex objective of Graphviz's dot, solved one layer at a time). Absolute loss often has a whole interval
/// of best positions; a block then moves as little as it can from where it is, so that ties never make a path drift.
/// </remarks>
internal static class OrderedPlacement
{
    private const double Tolerance = 1e-9;

    /// <param name="current">Where each item's anchor is now.</param>
    /// <param name="wishes">Each item's wishes: positions for its anchor and how strongly it pulls towards each (positive).</param>
    /// <param name="minDistances">The least distance between the anchors of items i and i + 1 (one fewer than the items).</param>
    /// <returns>The anchor of each item.</returns>
    public static double[] SolveAbsolute(IReadOnlyList<double> current, IReadOnlyList<IReadOnlyList<(double Position, double Weight)>> wishes, IReadOnlyList<double> minDistances)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(wishes);
        ArgumentNullException.ThrowIfNull(minDistances);
        var count = wishes.Count;
        var offsets = new double[count];
        for (var i = 1; i < count; i++)
            offsets[i] = offsets[i - 1] + minDistances[i - 1];

        // Each block: the items it spans and its members' wishes shifted by their offsets; it sits at their weighted median.
        var blocks = new List<Block>(count);
        for (var i = 0; i < count; i++)
        {
            var block = new Block(i, current[i] - offsets[i]);
            foreach (var (position, weight) in wishes[i])
                block.Wishes.Add((position - offsets[i], weight));
            block.Solve();
            blocks.Add(block);
            while (blocks.Count > 1 && blocks[^2].Position > blocks[^1].Position)
            {
                var last = blocks[^1];
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1].Absorb(last);
            }
        }

        var anchors = new double[count];
        foreach (var block in blocks)
        {
            for (var i = block.Start; i <= block.End; i++)
                anchors[i] = block.Position + offsets[i];
        }

        return anchors;
    }

    /// <summary>
    /// The same placement under squared loss: each item pulls towards the weighted mean of its wishes. It has one best
    /// placement and moves every item at once, so sweeping it over the layers settles the whole drawing (a wide group of
    /// layers moves together); absolute loss then straightens it.
    /// </summary>
    public static double[] SolveSquares(IReadOnlyList<IReadOnlyList<(double Position, double Weight)>> wishes, IReadOnlyList<double> minDistances)
    {
        ArgumentNullException.ThrowIfNull(wishes);
        ArgumentNullException.ThrowIfNull(minDistances);
        var count = wishes.Count;
        var offsets = new double[count];
        for (var i = 1; i < count; i++)
            offsets[i] = offsets[i - 1] + minDistances[i - 1];

        var starts = new int[count];
        var ends = new int[count];
        var weightSums = new double[count];
        var weightedSums = new double[count];
        var blocks = 0;
        for (var i = 0; i < count; i++)
        {
            starts[blocks] = i;
            ends[blocks] = i;
            weightSums[blocks] = 0;
            weightedSums[blocks] = 0;
            foreach (var (position, weight) in wishes[i])
            {
                weightSums[blocks] += weight;
                weightedSums[blocks] += weight * (position - offsets[i]);
            }

            blocks++;
            while (blocks > 1 && Mean(blocks - 2) > Mean(blocks - 1))
            {
                ends[blocks - 2] = ends[blocks - 1];
                weightSums[blocks - 2] += weightSums[blocks - 1];
                weightedSums[blocks - 2] += weightedSums[blocks - 1];
                blocks--;
            }
        }

        var anchors = new double[count];
        for (var b = 0; b < blocks; b++)
        {
            for (var i = starts[b]; i <= ends[b]; i++)
                anchors[i] = Mean(b) + offsets[i];
        }

        return anchors;

        double Mean(int block) => weightedSums[block] / weightSums[block];
    }

    private sealed class Block(int start, double now)
    {
        private double _nowSum = now;

        public int Start { get; } = start;

        public int End { get; private set; } = start;

        public List<(double Position, double Weight)> Wishes { get; } = [];

        public double Position { get; private set; }

        public void Absorb(Block next)
        {
            End = next.End;
            _nowSum += next._nowSum;
            Wishes.AddRange(next.Wishes);
            Solve();
        }

        /// <summary>The weighted median; when a whole interval is best, the point of it nearest where the block is now.</summary>
        public void Solve()
        {
            var now = _nowSum / (End - Start + 1);
            if (Wishes.Count == 0)
            {
                Position = now;
                return;
            }

            Wishes.Sort(static (a, b) => a.Position.CompareTo(b.Position));
            var half = Wishes.Sum(w => w.Weight) / 2;
            var running = 0.0;
            for (var i = 0; i < Wishes.Count; i++)
            {
                running += Wishes[i].Weight;
                if (running > half + Tolerance)
                {
                    Position = Wishes[i].Position;
                    return;
                }

                if (running >= half - Tolerance && i + 1 < Wishes.Count)
                {
                    // Exactly half the weight lies at or left of this wish: anywhere up to the next one is as good.
                    Position = Math.Clamp(now, Wishes[i].Position, Wishes[i + 1].Position);
                    return;
                }
            }

            Position = Wishes[^1].Position;
        }
    }
}
