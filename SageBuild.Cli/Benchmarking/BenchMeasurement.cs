namespace SageBuild.Cli.Benchmarking;

/// <summary>How long one engine took over a workload's timed executions.</summary>
/// <param name="Elapsed">The wall-clock time of all timed executions.</param>
/// <param name="Transitions">The states entered in them.</param>
/// <param name="Status">The status of the last execution.</param>
/// <param name="AllocatedBytes">Managed bytes allocated during the timed executions (SageBuild only; null for the peer).</param>
internal sealed record BenchMeasurement(TimeSpan Elapsed, long Transitions, string Status, long? AllocatedBytes = null)
{
    /// <summary>The faster of two measurements of the same work (the machine is shared: the best round is the least disturbed).</summary>
    public static BenchMeasurement Best(BenchMeasurement? a, BenchMeasurement b) => a is null || b.Elapsed < a.Elapsed ? b : a;

    /// <summary>Managed bytes allocated per transition, when known.</summary>
    public double? AllocatedBytesPerTransition => AllocatedBytes is { } bytes ? (double)bytes / Math.Max(Transitions, 1) : null;

    /// <summary>Transitions per second.</summary>
    public double TransitionsPerSecond => Transitions / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
