namespace SageBuild.Engine.Execution;

/// <summary>
/// A seeded random source that many threads of one execution (Parallel branches, Map iterations) can share. It wraps a
/// seeded <see cref="System.Random"/> rather than deriving from it: a derived Random fills bytes one virtual call per
/// byte, which showed in the benchmark's distributed Map (each child's name takes 16 random bytes).
/// </summary>
internal sealed class LockedRandom(int seed) : Random
{
    private readonly Lock _lock = new();
    private readonly Random _inner = new(seed);

    public override int Next()
    {
        lock (_lock)
            return _inner.Next();
    }

    public override int Next(int maxValue)
    {
        lock (_lock)
            return _inner.Next(maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        lock (_lock)
            return _inner.Next(minValue, maxValue);
    }

    public override long NextInt64()
    {
        lock (_lock)
            return _inner.NextInt64();
    }

    public override long NextInt64(long maxValue)
    {
        lock (_lock)
            return _inner.NextInt64(maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        lock (_lock)
            return _inner.NextInt64(minValue, maxValue);
    }

    public override double NextDouble()
    {
        lock (_lock)
            return _inner.NextDouble();
    }

    public override float NextSingle()
    {
        lock (_lock)
            return _inner.NextSingle();
    }

    public override void NextBytes(byte[] buffer)
    {
        lock (_lock)
            _inner.NextBytes(buffer);
    }

    public override void NextBytes(Span<byte> buffer)
    {
        lock (_lock)
            _inner.NextBytes(buffer);
    }

    protected override double Sample()
    {
        lock (_lock)
            return _inner.NextDouble();
    }
}
