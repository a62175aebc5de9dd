using System.ComponentModel;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.StepFunctions;

[Description("Start an execution of a state machine.")]
public sealed class ExecutionsStartCommand(IAnsiConsole console) : StepFunctionsCommand<ExecutionsStartCommand.Settings>(console)
{
    public sealed class Settings : StepFunctionsSettings
    {
        [CommandArgument(0, "<STATE_MACHINE_ARN>")]
        [Description("The state machine to run.")]
        public string StateMachineArn { get; init; } = "";

        [CommandOption("--input <JSON>")]
        [Description("The execution input: JSON text, or @FILE to read it from a file. Default: {}.")]
        public string? Input { get; init; }

        [CommandOption("--name <NAME>")]
        [Description("The execution's name (1-80 characters). Default: one the server picks.")]
        public string? Name { get; init; }

        public override ValidationResult Validate() =>
            Input is ['@', .. var path] && !File.Exists(path)
                ? ValidationResult.Error($"--input: no file at '{path}'")
                : base.Validate();
    }

    protected override async Task<int> RunAsync(StepFunctionsClient client, Settings settings, CancellationToken cancellationToken)
    {
        var input = settings.Input is ['@', .. var path] ? await File.ReadAllTextAsync(path, cancellationToken) : settings.Input;
        var started = await client.StartExecutionAsync(new StartExecutionInput
        {
            StateMachineArn = settings.StateMachineArn,
            Name = settings.Name,
            Input = input ?? "{}",
        }, cancellationToken);
        if (settings.Json)
            WriteJson(started, StepFunctionsJsonContext.Default.StartExecutionOutput);
        else
            Console.MarkupLineInterpolated($"Started [green]{started.ExecutionArn}[/] at {Time(started.StartDate)}");
        return 0;
    }
}
