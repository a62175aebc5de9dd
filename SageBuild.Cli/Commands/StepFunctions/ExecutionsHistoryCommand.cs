using System.ComponentModel;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.StepFunctions;

[Description("Show an execution's history events.")]
public sealed class ExecutionsHistoryCommand(IAnsiConsole console) : StepFunctionsCommand<ExecutionsHistoryCommand.Settings>(console)
{
    public sealed class Settings : StepFunctionsSettings
    {
        [CommandArgument(0, "<EXECUTION_ARN>")]
        [Description("The execution whose history to show.")]
        public string ExecutionArn { get; init; } = "";

        [CommandOption("--reverse")]
        [Description("Newest event first.")]
        public bool Reverse { get; init; }

        [CommandOption("--no-data")]
        [Description("Leave inputs and outputs out of the events.")]
        public bool NoData { get; init; }
    }

    protected override async Task<int> RunAsync(StepFunctionsClient client, Settings settings, CancellationToken cancellationToken)
    {
        var events = await client.GetExecutionHistoryEventsAsync(settings.ExecutionArn, settings.Reverse, !settings.NoData, cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);

        if (settings.Json)
        {
            WriteJson(new GetExecutionHistoryOutput { Events = events }, StepFunctionsJsonContext.Default.GetExecutionHistoryOutput);
            return 0;
        }
        var table = new Table().AddColumns("Id", "Type", "Time", "Detail");
        foreach (var e in events)
            table.AddRow(e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Type.ToString(), Time(e.Timestamp), Markup.Escape(HistoryEventSummary.Of(e)));
        Console.Write(table);
        return 0;
    }
}
