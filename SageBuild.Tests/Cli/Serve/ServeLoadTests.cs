using System.Diagnostics;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Cli.Serve.ServeLifecycle;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// Load: 100 concurrent clients, each with its own connection, start and describe executions against
/// <c>sagebuild serve</c> for 60 seconds, in memory and on the SQLite store (<c>--data-dir</c>). Every call must
/// succeed; the latencies are reported (never asserted: the machine is shared).
/// </summary>
[Category("Load")]
// Alone: it saturates both cores for a minute, which would starve other tests' processes (and they would disturb it).
[NonParallelizable]
public sealed class ServeLoadTests
{
    private const int Clients = 100;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_hundred_concurrent_clients_start_and_describe_executions_for_a_minute_without_an_error(bool durable)
    {
        // Durable, every start is confirmed in the redo log before it is answered, and every describe first brings
        // SQLite up to date with what was handed over (a commit), while the checkpoints run beside.
        using var data = new TemporaryDirectory();
        await using var serve = durable ? await ServeProcess.StartAsync("--data-dir", data.Path) : await ServeProcess.StartAsync();
        var endpoint = new Uri(serve.EndpointUrl);
        using (var setup = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = endpoint, SignRequests = false }))
        {
            await setup.CreateStateMachineAsync(new CreateStateMachineInput
            {
                Name = "load",
                Definition = """{"StartAt":"Echo","States":{"Echo":{"Type":"Pass","Parameters":{"client.$":"$.client","done":true},"End":true}}}""",
                RoleArn = RoleArn,
            });
        }

        var stopAt = Stopwatch.GetTimestamp() + (long)(Duration.TotalSeconds * Stopwatch.Frequency);
        var runs = await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(() => RunClientAsync(endpoint, client, stopAt))));

        var latencies = runs.SelectMany(r => r.Latencies).Order().ToArray();
        var errors = runs.SelectMany(r => r.Errors).ToList();
        var p50 = Percentile(latencies, 0.50);
        var p99 = Percentile(latencies, 0.99);
        var report = string.Create(CultureInfo.InvariantCulture,
            $"sagebuild serve load ({(durable ? "durable, SQLite" : "in memory")}): {Clients} clients, {Duration.TotalSeconds:0} s, {latencies.Length} calls ({latencies.Length / Duration.TotalSeconds:0} calls/s), " +
            $"{runs.Sum(r => r.Started)} executions started, {errors.Count} errors; latency p50 {p50:0.0} ms, p99 {p99:0.0} ms");
        await TestContext.Progress.WriteLineAsync(report);
        await TestContext.Out.WriteLineAsync(report);

        Assert.That(errors, Is.Empty, $"{errors.Count} calls failed; the first: {errors.FirstOrDefault()}");
        Assert.That(runs.Min(r => r.Started), Is.GreaterThan(0), "every client started executions");
    }

    private static async Task<ClientRun> RunClientAsync(Uri endpoint, int client, long stopAt)
    {
        var run = new ClientRun();
        using var sfn = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = endpoint, SignRequests = false, Timeout = TimeSpan.FromSeconds(30) });
        var input = string.Create(CultureInfo.InvariantCulture, $$"""{"client":{{client}}}""");
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                var execution = await sfn.StartExecutionAsync(StateMachineArn("load"), input);
                run.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                run.Started++;

                started = Stopwatch.GetTimestamp();
                var described = await sfn.DescribeExecutionAsync(execution.ExecutionArn);
                run.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (described.ExecutionArn != execution.ExecutionArn)
                    run.Errors.Add($"described {described.ExecutionArn} for {execution.ExecutionArn}");
            }
#pragma warning disable CA1031 // Every failure is counted and reported, whatever it is.
            catch (Exception e)
#pragma warning restore CA1031
            {
                run.Errors.Add($"client {client}: {e.GetType().Name}: {e.Message}");
            }
        }

        return run;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private sealed class ClientRun
    {
        public List<double> Latencies { get; } = [];

        public List<string> Errors { get; } = [];

        public int Started { get; set; }
    }
}
