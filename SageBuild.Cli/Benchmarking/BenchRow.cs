namespace SageBuild.Cli.Benchmarking;

/// <summary>One workload's line of the report: SageBuild and the peer on the same definition, in the same run.</summary>
internal sealed record BenchRow(BenchWorkload Workload, BenchMeasurement SageBuild, BenchMeasurement? Peer)
{
    /// <summary>SageBuild in durable mode (SQLite store), measured in the same rounds; null when not asked for.</summary>
    public BenchMeasurement? Durable { get; init; }

    /// <summary>Durable mode's transitions per second over in-memory mode's; null without a durable measurement.</summary>
    public double? DurableShare => Durable is null ? null : Durable.TransitionsPerSecond / SageBuild.TransitionsPerSecond;

    /// <summary>SageBuild's transitions per second over the peer's; null without a peer.</summary>
    public double? Ratio => Peer is null ? null : SageBuild.TransitionsPerSecond / Peer.TransitionsPerSecond;

    /// <summary>SageBuild on the JSONPath variant of the same shape, for a JSONata workload; else null.</summary>
    public BenchMeasurement? Baseline { get; init; }

    /// <summary>The JSONata variant's transitions per second over the JSONPath variant's; null without a baseline.</summary>
    public double? BaselineRatio => Baseline is null ? null : SageBuild.TransitionsPerSecond / Baseline.TransitionsPerSecond;
}
