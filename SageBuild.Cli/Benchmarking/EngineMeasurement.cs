using System.Diagnostics;
using System.Runtime;
using SageBuild.Engine.Api;
using SageBuild.Engine.Stores;

namespace SageBuild.Cli.Benchmarking;

/// <summary>Times a workload on SageBuild's embedded engine, in this process, on the virtual clock.</summary>
internal static class EngineMeasurement
{
    /// <summary>One untimed warm-up execution, then the workload's executions one after another.</summary>
    /// <exception cref="InvalidOperationException">An execution did not succeed, or entered other states than the workload says.</exception>
    public static async Task<BenchMeasurement> MeasureAsync(BenchWorkload workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return await MeasureAsync(workload, new InMemoryExecutionStore(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The same, in durable mode: every execution and event goes to <paramref name="durable"/>'s SQLite file (kept for
    /// the warm-up and every round, see <see cref="DurableBenchStore"/>).
    /// </summary>
    public static async Task<BenchMeasurement> MeasureDurableAsync(BenchWorkload workload, DurableBenchStore durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(durable);
        var sqlite = durable.Store;
        // The clock stops once the SQLite tables hold everything, not when the redo log does: the whole cost counts.
        return await MeasureAsync(workload, sqlite, cancellationToken, settle: sqlite.ApplyToDatabase).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the workload untimed, in memory and (with <paramref name="durable"/>) durable, for at least
    /// <paramref name="duration"/> and until the JIT has compiled nothing for <see cref="JitQuiet"/>: .NET starts
    /// optimising hot methods only after 100 ms without new compilations and then compiles them in the background, so
    /// rounds timed earlier measure unoptimised code (up to 3x slower), not the engine. A fixed time was not enough: the
    /// durable store's first batches compiled methods late, and (a)'s hot methods were still unoptimised in half the
    /// runs, in memory as durable. Steady state, as BenchmarkDotNet measures, is what a long-running server runs.
    /// </summary>
    public static async Task WarmUpAsync(BenchWorkload workload, DurableBenchStore? durable, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var quietSince = clock.Elapsed;
        do
        {
            await MeasureAsync(workload, cancellationToken).ConfigureAwait(false);
            if (durable is not null)
                await MeasureDurableAsync(workload, durable, cancellationToken).ConfigureAwait(false);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
                (compiled, quietSince) = (now, clock.Elapsed);
        }
        while ((clock.Elapsed < duration || clock.Elapsed - quietSince < JitQuiet) && clock.Elapsed < MaximumWarmUp);
    }

    // Long enough for the JIT's 100 ms delay, its 30 counted calls and the background compilations they start.
    private static readonly TimeSpan JitQuiet = TimeSpan.FromMilliseconds(700);

    // A workload whose every run compiles something (none does today) is timed after this, whatever the JIT does.
    private static readonly TimeSpan MaximumWarmUp = TimeSpan.FromSeconds(15);

    private static async Task<BenchMeasurement> MeasureAsync(BenchWorkload workload, IExecutionStore inner, CancellationToken cancellationToken, Action? settle = null)
    {
        var store = new TransitionCountingStore(inner);
        await using var engine = Build(store);
        var machine = engine.CreateStateMachine($"Bench-{workload.Key}", workload.Definition);
        await RunOnceAsync(engine, machine.StateMachineArn, workload, cancellationToken).ConfigureAwait(false);
        settle?.Invoke(); // the warm-up's writes are not the timed executions' cost
        // A clean heap for each timing, as BenchmarkDotNet does: else a collection owed to the previous measurement's
        // garbage (a durable one's in particular) lands in this one's few milliseconds.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = store.Transitions;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        ExecutionRecord last = null!;
        for (var i = 0; i < workload.Executions; i++)
            last = await RunOnceAsync(engine, machine.StateMachineArn, workload, cancellationToken).ConfigureAwait(false);
        settle?.Invoke();
        clock.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var transitions = store.Transitions - before;
        if (transitions != workload.Transitions)
            throw new InvalidOperationException($"workload {workload.Key}: SageBuild entered {transitions} states, the workload expects {workload.Transitions}");
        return new BenchMeasurement(clock.Elapsed, transitions, last.Status.ToString(), allocated);
    }

    /// <summary>Runs one execution to its end and returns its record, whatever its status.</summary>
    public static async Task<ExecutionRecord> RunAsync(WorkflowEngine engine, string stateMachineArn, BenchWorkload workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(workload);
        return await engine.ExecuteAsync(stateMachineArn, workload.Input, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An engine on the virtual clock over <paramref name="store"/>.</summary>
    public static WorkflowEngine Build(IExecutionStore store) =>
        new EngineBuilder { Options = new EngineOptions { DefaultClock = ExecutionClock.Virtual } }.UseStore(store).Build();

    private static async Task<ExecutionRecord> RunOnceAsync(WorkflowEngine engine, string stateMachineArn, BenchWorkload workload, CancellationToken cancellationToken)
    {
        var record = await RunAsync(engine, stateMachineArn, workload, cancellationToken).ConfigureAwait(false);
        return record.Status == ExecutionStatus.SUCCEEDED
            ? record
            : throw new InvalidOperationException($"workload {workload.Key}: the execution ended {record.Status} ({record.Error}: {record.Cause})");
    }
}
