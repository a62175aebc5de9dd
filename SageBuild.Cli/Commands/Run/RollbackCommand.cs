using System.ComponentModel;
using System.Globalization;
using SageBuild.Cli.Projects;
using SageBuild.StateMachines.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Run;

/// <summary>
/// <c>sagebuild rollback</c>: redeploys a recorded build of a project without retraining, then (like <c>run</c>) serves
/// the endpoint until Ctrl-C, or exits at once with <c>--once</c>.
/// </summary>
[Description("Redeploy a recorded build of a project without retraining (default: the deployed build before the one in production).")]
public sealed class RollbackCommand(IAnsiConsole console) : AsyncCommand<RollbackCommand.Settings>
{
    /// <summary>The command's arguments and options.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[PROJECT_DIR]")]
        [Description("The project folder, holding sagebuild.yaml. Default: the current folder.")]
        public string ProjectDirectory { get; init; } = ".";

        [CommandOption("--to <N>")]
        [Description("The build to redeploy. Default: the newest deployed build older than the one in production.")]
        public long? To { get; init; }

        [CommandOption("--once")]
        [Description("Exit once the build serves, stopping the endpoint's processes (it comes back at the next run).")]
        public bool Once { get; init; }

        [CommandOption("--json")]
        [Description("Print one line {\"status\",\"build\",\"endpoint\",\"prediction\"} when the build serves.")]
        public bool Json { get; init; }

        [CommandOption("--port <PORT>")]
        [Description("The loopback port of the endpoint's URL. Default: a free port.")]
        public int Port { get; init; }

        [CommandOption("--data-dir <DIR>")]
        [Description("The project's data folder. Default: PROJECT_DIR/.sagebuild.")]
        public string? DataDirectory { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (!Directory.Exists(ProjectDirectory))
                return ValidationResult.Error($"no project folder at '{ProjectDirectory}'");
            if (Port is < 0 or > 65535)
                return ValidationResult.Error($"--port is a port from 1 to 65535 (or 0 for a free one), not {Port}");
            return To is < 1 ? ValidationResult.Error($"--to is a build number (1 or more), not {To}") : ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await ProjectCommand.ReadAsync(settings.ProjectDirectory, "rollback") is not { } project)
            return ExitCodes.UsageError;
        ProjectCommand.UseWholeLinesWhenPiped(console);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = StopSignals.Listen(stop);
        await using var run = await LocalPipelineRun.StartAsync(project, settings.DataDirectory, settings.Port, stop.Token);
        long build;
        try
        {
            build = await ProjectRollback.RollbackAsync(run, settings.To, stop.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            if (settings.Json)
                console.WriteRaw(JsonObject.Create(("status", "FAILED"), ("build", settings.To is { } t ? JsonNumber.From(t) : JsonValue.Null), ("failure", e.Message)).ToJson() + "\n");
            else
                console.MarkupLineInterpolated($"[red]Rollback failed:[/] {e.Message}");
            return ExitCodes.Failure;
        }

        var endpoint = run.EndpointUrl;
        var prediction = project.Sample is { } sample ? await RunCommand.PredictAsync(endpoint, sample, stop.Token) : null;
        if (settings.Json)
        {
            console.WriteRaw(JsonObject.Create(
                ("status", "ROLLED_BACK"), ("build", JsonNumber.From(build)), ("endpoint", endpoint),
                ("prediction", prediction is null ? JsonValue.Null : prediction)).ToJson() + "\n");
        }
        else
        {
            console.MarkupLineInterpolated($"[bold green]ROLLED BACK[/] {project.Name} to build {build.ToString(CultureInfo.InvariantCulture)} (no retraining)");
            console.WriteLine($"Endpoint (build {build.ToString(CultureInfo.InvariantCulture)}): {endpoint}");
            if (prediction is not null)
                console.WriteLine($"Sample prediction: {prediction}");
        }

        if (!settings.Once)
        {
            await ProjectCommand.ServeUntilStoppedAsync(console, build, endpoint, settings.Json, stop.Token);
        }

        return ExitCodes.Success;
    }
}
