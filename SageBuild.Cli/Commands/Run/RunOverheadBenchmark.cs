using System.Diagnostics;
using System.Globalization;
using SageBuild.Cli.Projects;
using SageBuild.StateMachines.Json;
using Spectre.Console;

namespace SageBuild.Cli.Commands.Run;

/// <summary>
/// <c>sagebuild run --bench N</c>: SageBuild's own cost of a local run. Each of N builds in a row (the first creates
/// the endpoint, the others update it blue/green) is timed from the start of the build to the end of the pipeline,
/// and the time inside the project's own commands is subtracted: the buildspec's install/pre_build/build/post_build
/// phases, the training command, and each serving process from its start until it answers <c>/ping</c> (and, on an
/// update, until the old one has stopped). What remains is the orchestration: the engine, the Lambda steps, the
/// ledger, parameters and notifications, source copies, artifact packing, polling. The start-up (opening the data
/// folder, restoring the endpoint) is reported apart. By default the data folder is a fresh temporary one, so the
/// project's own state is left alone.
/// </summary>
internal sealed class RunOverheadBenchmark(IAnsiConsole console)
{
    /// <summary>The issue's target for the overhead of one local run.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(ProjectFile project, string? dataDirectory, int runs, bool json, CancellationToken cancellationToken)
    {
        var temporary = dataDirectory is null ? Directory.CreateTempSubdirectory("sagebuild-bench-").FullName : null;
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var run = await LocalPipelineRun.StartAsync(project, dataDirectory ?? temporary, cancellationToken: cancellationToken);
            var startup = Stopwatch.GetElapsedTime(started);
            var results = new List<RunOutcome>();
            for (var i = 0; i < runs; i++)
            {
                var outcome = await run.BuildAsync($"sagebuild run --bench ({i + 1} of {runs})", null, cancellationToken);
                results.Add(outcome);
                if (!json)
                {
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"build {outcome.Build}: {outcome.Status,-8} total {outcome.Elapsed.TotalSeconds,6:0.000} s  commands {outcome.CommandTime.TotalSeconds,6:0.000} s  overhead {Overhead(outcome).TotalSeconds,6:0.000} s"));
                }
            }

            var overheads = results.Select(Overhead).Order().ToList();
            var median = overheads[overheads.Count / 2];
            if (json)
            {
                console.WriteRaw(JsonObject.Create(
                    ("workload", "run-overhead"),
                    ("project", project.Name),
                    ("startupSeconds", Seconds(startup)),
                    ("runs", JsonArray.Create(results.Select(r => (JsonValue)JsonObject.Create(
                        ("build", r.Build is { } b ? JsonNumber.From(b) : JsonValue.Null), ("status", r.Status),
                        ("totalSeconds", Seconds(r.Elapsed)), ("commandSeconds", Seconds(r.CommandTime)), ("overheadSeconds", Seconds(Overhead(r))))))),
                    ("medianOverheadSeconds", Seconds(median)),
                    ("maxOverheadSeconds", Seconds(overheads[^1])),
                    ("targetSeconds", Seconds(Target)),
                    ("meetsTarget", JsonBoolean.From(median < Target))).ToJson() + "\n");
            }
            else
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"overhead per run: median {median.TotalSeconds:0.000} s, max {overheads[^1].TotalSeconds:0.000} s (target < {Target.TotalSeconds:0} s: {(median < Target ? "met" : "NOT met")}); start-up {startup.TotalSeconds:0.000} s"));
            }

            return results.All(r => r.ExitCode == 0) ? ExitCodes.Success : ExitCodes.Failure;
        }
        finally
        {
            if (temporary is not null)
                TryDelete(temporary);
        }
    }

    private static TimeSpan Overhead(RunOutcome outcome) => outcome.Elapsed - outcome.CommandTime;

    private static JsonNumber Seconds(TimeSpan t) => JsonNumber.From(Math.Round(t.TotalSeconds, 3));

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A stopped process may hold a file for a moment; the system cleans its temporary folder.
        }
    }
}
