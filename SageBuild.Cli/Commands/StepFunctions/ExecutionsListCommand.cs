using System.ComponentModel;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.StepFunctions;

[Description("List a state machine's executions, newest first.")]
public sealed class ExecutionsListCommand(IAnsiConsole console) : StepFunctionsCommand<ExecutionsListCommand.Settings>(console)
{
    public sealed class Settings : StepFunctionsSettings
    {
        [CommandArgument(0, "<STATE_MACHINE_ARN>")]
        [Description("The state machine whose executions to list.")]
        public string StateMachineArn { get; init; } = "";

        [CommandOption("--status <STATUS>")]
        [Description("Only executions with this status: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.")]
        public string? Status { get; init; }

        [CommandOption("--max-items <N>")]
        [Description("Stop after this many executions. Default: all of them.")]
        public int? MaxItems { get; init; }

        public override ValidationResult Validate() =>
            MaxItems is <= 0 ? ValidationResult.Error($"--max-items: {MaxItems} is not a positive number") : base.Validate();
    }

    protected override async Task<int> RunAsync(StepFunctionsClient client, Settings settings, CancellationToken cancellationToken)
    {
        var status = settings.Status is null ? (ExecutionStatus?)null : ExecutionStatus.FromValue(settings.Status.ToUpperInvariant());
        var executions = await client.ListAllExecutionsAsync(settings.StateMachineArn, status, cancellationToken: cancellationToken)
            .Take(settings.MaxItems ?? int.MaxValue)
            .ToListAsync(cancellationToken);

        if (settings.Json)
        {
            WriteJson(new ListExecutionsOutput { Executions = executions }, StepFunctionsJsonContext.Default.ListExecutionsOutput);
            return 0;
        }
        var table = new Table().AddColumns("Name", "Status", "Started", "Stopped", "Execution ARN");
        foreach (var e in executions)
            table.AddRow(Markup.Escape(e.Name), e.Status.ToString(), Time(e.StartDate), Time(e.StopDate), Markup.Escape(e.ExecutionArn));
        Console.Write(table);
        return 0;
    }
}
