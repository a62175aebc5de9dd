namespace SageBuild.Engine.Execution;

/// <summary>The execution's seeded random source, shared by concurrent branches: System.Random is not thread-safe.</summary>
internal sealed class LockedRandom(int seed) : Random(seed)
{
    private readonly Lock _lock = new();

    public override int Next()
    {
        lock (_lock)
            return base.Next();
    }

    public override int Next(int maxValue)
    {
        lock (_lock)
            return base.Next(maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        lock (_lock)
            return base.Next(minValue, maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        lock (_lock)
            return base.NextInt64(minValue, maxValue);
    }

    public override double NextDouble()
    {
        lock (_lock)
            return base.NextDouble();
    }

    public override void NextBytes(byte[] buffer)
    {
        lock (_lock)
            base.NextBytes(buffer);
    }

    public override void NextBytes(Span<byte> buffer)
    {
        lock (_lock)
            base.NextBytes(buffer);
    }

    protected override double Sample()
    {
        lock (_lock)
            return base.Sample();
    }
}
