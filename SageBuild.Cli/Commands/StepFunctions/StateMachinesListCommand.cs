using System.ComponentModel;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using Spectre.Console;

namespace SageBuild.Cli.Commands.StepFunctions;

[Description("List the state machines.")]
public sealed class StateMachinesListCommand(IAnsiConsole console) : StepFunctionsCommand<StateMachinesListCommand.Settings>(console)
{
    public sealed class Settings : StepFunctionsSettings;

    protected override async Task<int> RunAsync(StepFunctionsClient client, Settings settings, CancellationToken cancellationToken)
    {
        var machines = await client.ListAllStateMachinesAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        if (settings.Json)
        {
            WriteJson(new ListStateMachinesOutput { StateMachines = machines }, StepFunctionsJsonContext.Default.ListStateMachinesOutput);
            return 0;
        }
        var table = new Table().AddColumns("Name", "Type", "Created", "State machine ARN");
        foreach (var m in machines)
            table.AddRow(Markup.Escape(m.Name), m.Type.ToString(), Time(m.CreationDate), Markup.Escape(m.StateMachineArn));
        Console.Write(table);
        return 0;
    }
}
