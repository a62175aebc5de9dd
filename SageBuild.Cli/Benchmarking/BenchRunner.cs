using System.Runtime.InteropServices;
using SageBuild.StateMachines.Json;

namespace SageBuild.Cli.Benchmarking;

/// <summary>Runs the chosen workloads on SageBuild and on aws-local-stepfunctions, one after the other, in one run.</summary>
internal sealed class BenchRunner(string? peerDirectory, int rounds, TimeProvider time, string? durableFolder = null)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(600);

    /// <summary>Measures each workload on both engines, alternating, <c>rounds</c> times (keeping each engine's best), then the inline-limit and memory checks when asked.</summary>
    public async Task<BenchReport> RunAsync(IReadOnlyList<BenchWorkload> workloads, int inlineItems, int memoryExecutions, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        ArgumentNullException.ThrowIfNull(progress);
        AwsLocalStepFunctionsPeer? peer = peerDirectory is null || workloads.All(w => w.Baseline is not null) ? null : AwsLocalStepFunctionsPeer.Start(peerDirectory);
        var rows = new List<BenchRow>();
        try
        {
            foreach (var workload in workloads)
            {
                BenchMeasurement? sagebuild = null;
                BenchMeasurement? measured = null;
                BenchMeasurement? durable = null;
                BenchMeasurement? baseline = null;
                progress($"({workload.Key}) warming up");
                await using var durableStore = durableFolder is null ? null : DurableBenchStore.Open(durableFolder, workload);
                await EngineMeasurement.WarmUpAsync(workload, durableStore, WarmUp, cancellationToken).ConfigureAwait(false);
                if (workload.Baseline is { } warmBaseline)
                    await EngineMeasurement.WarmUpAsync(warmBaseline, null, WarmUp, cancellationToken).ConfigureAwait(false);
                for (var round = 1; round <= rounds; round++)
                {
                    progress($"({workload.Key}) round {round}/{rounds}: SageBuild");
                    sagebuild = BenchMeasurement.Best(sagebuild, await EngineMeasurement.MeasureAsync(workload, cancellationToken).ConfigureAwait(false));
                    if (durableStore is not null)
                    {
                        progress($"({workload.Key}) round {round}/{rounds}: SageBuild durable (SQLite)");
                        durable = BenchMeasurement.Best(durable, await EngineMeasurement.MeasureDurableAsync(workload, durableStore, cancellationToken).ConfigureAwait(false));
                    }

                    if (workload.Baseline is { } jsonPath)
                    {
                        // No peer runs JSONata: its comparison is SageBuild's JSONPath run of the same shape, alternating.
                        progress($"({workload.Key}) round {round}/{rounds}: SageBuild, JSONPath variant");
                        baseline = BenchMeasurement.Best(baseline, await EngineMeasurement.MeasureAsync(jsonPath, cancellationToken).ConfigureAwait(false));
                        continue;
                    }

                    if (peer is null)
                        continue;
                    progress($"({workload.Key}) round {round}/{rounds}: aws-local-stepfunctions {AwsLocalStepFunctionsPeer.Version}");
                    var (elapsed, status) = await peer.BenchAsync(AslJson.Write(workload.Definition, indented: false), workload.Input, workload.Executions, cancellationToken).ConfigureAwait(false);
                    if (status != "SUCCEEDED")
                        throw new InvalidOperationException($"workload {workload.Key}: aws-local-stepfunctions ended {status}");
                    measured = BenchMeasurement.Best(measured, new BenchMeasurement(elapsed, workload.Transitions, status));
                }

                rows.Add(new BenchRow(workload, sagebuild!, measured) { Durable = durable, Baseline = baseline });
            }
        }
        finally
        {
            if (peer is not null)
                await peer.DisposeAsync().ConfigureAwait(false);
        }

        InlineLimitCheck? inline = null;
        if (inlineItems > 0)
        {
            progress($"INLINE Map over {inlineItems:N0} items (history limit)");
            inline = await InlineLimitCheck.RunAsync(inlineItems, cancellationToken).ConfigureAwait(false);
        }

        MemoryMeasurement? memory = null;
        if (memoryExecutions > 0)
        {
            progress($"memory across {memoryExecutions:N0} executions");
            memory = await MemoryMeasurement.MeasureAsync(memoryExecutions, cancellationToken).ConfigureAwait(false);
        }

        var machine = $"{RuntimeInformation.OSDescription.Trim()}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}";
        return new BenchReport(rows, inline, memory, machine, time.GetUtcNow());
    }
}
