using SageBuild.Engine.Stores;

namespace SageBuild.Cli.Benchmarking;

/// <summary>An INLINE Map of workload (b)'s size, run once: AWS fails it at 25,000 history events, and so must SageBuild.</summary>
internal sealed record InlineLimitCheck(int Items, string Status, string? Error, string? Cause)
{
    /// <summary>Whether the execution failed on the history limit.</summary>
    public bool FailedAsAws => Status == nameof(ExecutionStatus.FAILED) && Cause?.Contains("25000", StringComparison.Ordinal) == true;

    public static async Task<InlineLimitCheck> RunAsync(int items, CancellationToken cancellationToken)
    {
        var workload = BenchWorkloads.InlineMap(items);
        await using var engine = EngineMeasurement.Build(new InMemoryExecutionStore());
        var machine = engine.CreateStateMachine("Bench-inline", workload.Definition);
        var record = await EngineMeasurement.RunAsync(engine, machine.StateMachineArn, workload, cancellationToken).ConfigureAwait(false);
        return new InlineLimitCheck(items, record.Status.ToString(), record.Error, record.Cause);
    }
}
