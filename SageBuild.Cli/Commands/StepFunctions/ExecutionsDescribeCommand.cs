using System.ComponentModel;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.StepFunctions;

[Description("Show an execution: its status, times, input and output, or its error.")]
public sealed class ExecutionsDescribeCommand(IAnsiConsole console) : StepFunctionsCommand<ExecutionsDescribeCommand.Settings>(console)
{
    public sealed class Settings : StepFunctionsSettings
    {
        [CommandArgument(0, "<EXECUTION_ARN>")]
        [Description("The execution to describe.")]
        public string ExecutionArn { get; init; } = "";
    }

    protected override async Task<int> RunAsync(StepFunctionsClient client, Settings settings, CancellationToken cancellationToken)
    {
        var execution = await client.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = settings.ExecutionArn }, cancellationToken);
        if (settings.Json)
        {
            WriteJson(execution, StepFunctionsJsonContext.Default.DescribeExecutionOutput);
            return 0;
        }
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string label, string? value)
        {
            if (value is not null)
                grid.AddRow(new Text(label), new Text(value));
        }
        Row("Execution", execution.ExecutionArn);
        Row("State machine", execution.StateMachineArn);
        Row("Status", execution.Status.ToString());
        Row("Started", Time(execution.StartDate));
        Row("Stopped", execution.StopDate is null ? null : Time(execution.StopDate));
        Row("Duration", execution.StopDate is { } stop ? (stop - execution.StartDate).ToString("c", System.Globalization.CultureInfo.InvariantCulture) : null);
        Row("Input", execution.Input);
        Row("Output", execution.Output);
        Row("Error", execution.Error);
        Row("Cause", execution.Cause);
        Console.Write(grid);
        return 0;
    }
}
