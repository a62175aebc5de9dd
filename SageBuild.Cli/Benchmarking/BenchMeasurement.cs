namespace SageBuild.Cli.Benchmarking;

/// <summary>How long one engine took over a workload's timed executions.</summary>
/// <param name="Elapsed">The wall-clock time of all timed executions.</param>
/// <param name="Transitions">The states entered in them.</param>
/// <param name="Status">The status of the last execution.</param>
internal sealed record BenchMeasurement(TimeSpan Elapsed, long Transitions, string Status)
{
    /// <summary>Transitions per second.</summary>
    public double TransitionsPerSecond => Transitions / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
