using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;

namespace SageBuild.Cli.Commands.StepFunctions;

/// <summary>Every state machine of the endpoint, across pages.</summary>
internal static class StateMachineDirectory
{
    public static async Task<List<StateMachineListItem>> ListAsync(StepFunctionsClient client, CancellationToken cancellationToken)
    {
        var machines = new List<StateMachineListItem>();
        string? nextToken = null;
        do
        {
            var page = await client.ListStateMachinesAsync(new ListStateMachinesInput { NextToken = nextToken }, cancellationToken);
            machines.AddRange(page.StateMachines);
            nextToken = page.NextToken;
        }
        while (nextToken is not null);
        return machines;
    }
}
