using System.Diagnostics;

namespace SageBuild.Cli.Benchmarking;

/// <summary>The managed heap and the process's working set before and after many executions.</summary>
/// <param name="Executions">The executions run between the two readings.</param>
/// <param name="HeapBefore">GC heap bytes after the warm-up, after a full collection.</param>
/// <param name="HeapAfter">GC heap bytes after the executions, after a full collection.</param>
/// <param name="WorkingSetBefore">Working set bytes after the warm-up.</param>
/// <param name="WorkingSetAfter">Working set bytes after the executions.</param>
internal sealed record MemoryMeasurement(int Executions, long HeapBefore, long HeapAfter, long WorkingSetBefore, long WorkingSetAfter)
{
    /// <summary>
    /// Runs workload (a) <paramref name="executions"/> times on an engine whose store forgets ended executions, after a
    /// warm-up of a tenth as many, and reads the heap and the working set around them.
    /// </summary>
    public static async Task<MemoryMeasurement> MeasureAsync(int executions, CancellationToken cancellationToken)
    {
        var workload = BenchWorkloads.SmallExecutions(executions);
        var store = new ForgetfulExecutionStore();
        await using var engine = EngineMeasurement.Build(store);
        var machine = engine.CreateStateMachine("Bench-memory", workload.Definition);
        for (var i = 0; i < Math.Max(1, executions / 10); i++)
            await EngineMeasurement.RunAsync(engine, machine.StateMachineArn, workload, cancellationToken).ConfigureAwait(false);
        var (heapBefore, setBefore) = Read();
        for (var i = 0; i < executions; i++)
            await EngineMeasurement.RunAsync(engine, machine.StateMachineArn, workload, cancellationToken).ConfigureAwait(false);
        var (heapAfter, setAfter) = Read();
        return new MemoryMeasurement(executions, heapBefore, heapAfter, setBefore, setAfter);
    }

    private static (long Heap, long WorkingSet) Read()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (heap, process.WorkingSet64);
    }
}
