using System.ComponentModel;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.StepFunctions;

[Description("Stop a running execution; it ends ABORTED.")]
public sealed class ExecutionsStopCommand(IAnsiConsole console) : StepFunctionsCommand<ExecutionsStopCommand.Settings>(console)
{
    public sealed class Settings : StepFunctionsSettings
    {
        [CommandArgument(0, "<EXECUTION_ARN>")]
        [Description("The execution to stop.")]
        public string ExecutionArn { get; init; } = "";

        [CommandOption("--error <ERROR>")]
        [Description("An error name to record with the abort.")]
        public string? Error { get; init; }

        [CommandOption("--cause <CAUSE>")]
        [Description("A cause to record with the abort.")]
        public string? Cause { get; init; }
    }

    protected override async Task<int> RunAsync(StepFunctionsClient client, Settings settings, CancellationToken cancellationToken)
    {
        var stopped = await client.StopExecutionAsync(new StopExecutionInput
        {
            ExecutionArn = settings.ExecutionArn,
            Error = settings.Error,
            Cause = settings.Cause,
        }, cancellationToken);
        if (settings.Json)
            WriteJson(stopped, StepFunctionsJsonContext.Default.StopExecutionOutput);
        else
            Console.MarkupLineInterpolated($"Stopped [yellow]{settings.ExecutionArn}[/] at {Time(stopped.StopDate)}");
        return 0;
    }
}
