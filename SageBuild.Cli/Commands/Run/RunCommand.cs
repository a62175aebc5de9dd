using System.ComponentModel;
using System.Globalization;
using System.Text;
using SageBuild.Cli.Projects;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Run;

/// <summary>
/// <c>sagebuild run</c>: one pipeline execution for a project on this machine (build, train, gate, deploy), then, like
/// <c>docker compose up</c>, it keeps serving the endpoint until Ctrl-C (or exits at once with <c>--once</c>).
/// </summary>
[Description("Run the pipeline for a project (its sagebuild.yaml) on this machine: build, train, quality gate, deploy; then serve the endpoint until Ctrl-C.")]
public sealed class RunCommand(IAnsiConsole console) : AsyncCommand<RunCommand.Settings>
{
    /// <summary>Exit code when the quality gate rejected the build.</summary>
    public const int RejectedExitCode = 3;

    /// <summary>The command's arguments and options.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[PROJECT_DIR]")]
        [Description("The project folder, holding sagebuild.yaml. Default: the current folder.")]
        public string ProjectDirectory { get; init; } = ".";

        [CommandOption("--once")]
        [Description("Exit when the pipeline ends, stopping everything it started (the endpoint comes back at the next run).")]
        public bool Once { get; init; }

        [CommandOption("--json")]
        [Description("Print, as soon as the pipeline ends, one line {\"status\",\"build\",\"endpoint\",\"metrics\",...} instead of the live display.")]
        public bool Json { get; init; }

        [CommandOption("--port <PORT>")]
        [Description("The loopback port of the endpoint's URL. Default: a free port.")]
        public int Port { get; init; }

        [CommandOption("--data-dir <DIR>")]
        [Description("Where builds, models, endpoints, the ledger and the parameters are kept. Default: PROJECT_DIR/.sagebuild.")]
        public string? DataDirectory { get; init; }

        [CommandOption("--bench <RUNS>")]
        [Description("Measure SageBuild's overhead instead: RUNS builds in a row, each one's total time minus the time inside the project's build, train and serve commands (implies --once).")]
        public int? Bench { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (!Directory.Exists(ProjectDirectory))
                return ValidationResult.Error($"no project folder at '{ProjectDirectory}'");
            if (Port is < 0 or > 65535)
                return ValidationResult.Error($"--port is a port from 1 to 65535 (or 0 for a free one), not {Port}");
            return Bench is < 1 or > 100 ? ValidationResult.Error($"--bench is a number of runs from 1 to 100, not {Bench}") : ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await ProjectCommand.ReadAsync(settings.ProjectDirectory, "run") is not { } project)
            return ExitCodes.UsageError;
        ProjectCommand.UseWholeLinesWhenPiped(console);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = StopSignals.Listen(stop);
        if (settings.Bench is { } runs)
            return await new RunOverheadBenchmark(console).RunAsync(project, settings.DataDirectory, runs, settings.Json, stop.Token);
        await using var run = await LocalPipelineRun.StartAsync(project, settings.DataDirectory, settings.Port, stop.Token);
        RunOutcome outcome;
        try
        {
            var detail = $"sagebuild run {project.Name}";
            outcome = settings.Json
                ? await run.BuildAsync(detail, null, stop.Token)
                : await new RunDisplay(console, run.Observer).ShowAsync(progress => run.BuildAsync(detail, progress, stop.Token));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("sagebuild run: interrupted; stopping what the build started");
            return ExitCodes.Failure;
        }

        var prediction = outcome.Endpoint is not null && project.Sample is { } sample ? await PredictAsync(outcome.Endpoint, sample, stop.Token) : null;
        if (settings.Json)
            console.WriteRaw(outcome.ToJson(prediction).ToJson() + "\n");
        else
            Report(project, outcome, prediction);

        if (!settings.Once && outcome.Endpoint is not null)
        {
            await ProjectCommand.ServeUntilStoppedAsync(console, outcome.Serving, outcome.Endpoint, settings.Json, stop.Token);
            if (!settings.Json)
                console.WriteLine("Stopping the endpoint.");
        }

        return outcome.ExitCode;
    }

    private void Report(ProjectFile project, RunOutcome outcome, string? prediction)
    {
        var colour = outcome.Status switch { "DEPLOYED" or "REGISTERED" => "green", "REJECTED" => "yellow", _ => "red" };
        console.MarkupLineInterpolated($"[bold {colour}]{outcome.Status}[/] {project.Name} build {outcome.Build?.ToString(CultureInfo.InvariantCulture) ?? "-"} in {outcome.Elapsed.TotalSeconds:0.0} s");
        if (outcome.Summary is { } summary)
            console.WriteLine(summary);
        foreach (var (name, value) in outcome.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            console.WriteLine($"  {name} = {value.ToString(CultureInfo.InvariantCulture)}");
        if (outcome.Failure is { } failure)
            console.MarkupLineInterpolated($"[red]failure:[/] {failure}");
        if (outcome.Endpoint is { } endpoint)
        {
            // Raw lines: a URL or a command wrapped at the terminal's width could not be copied.
            console.WriteRaw($"Endpoint (build {outcome.Serving?.ToString(CultureInfo.InvariantCulture) ?? "?"}): {endpoint}\n");
            if (project.Sample is { } sample)
            {
                console.WriteRaw($"Sample request:    curl -s -X POST -H 'Content-Type: {sample.ContentType}' --data '{sample.Body}' {endpoint}\n");
                console.WriteRaw($"Sample prediction: {prediction ?? "(no answer)"}\n");
            }
        }
    }

    /// <summary>Sends the project's sample request to the endpoint; returns the answer's text, or the error.</summary>
    internal static async Task<string?> PredictAsync(string endpoint, ProjectSample sample, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var content = new StringContent(sample.Body, Encoding.UTF8);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(sample.ContentType);
            using var response = await http.PostAsync(new Uri(endpoint), content, cancellationToken);
            var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            return response.IsSuccessStatusCode ? text : $"HTTP {(int)response.StatusCode}: {text}";
        }
        catch (HttpRequestException e)
        {
            return $"no answer: {e.Message}";
        }
    }
}
