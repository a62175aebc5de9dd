using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.Functions.Alexa;
using SageBuild.StateMachines.Json;

namespace SageBuild.Cli.Commands.Functions;

/// <summary>The Alexa skill's view of the pipeline's executions, through the Step Functions API (a SageBuild server or AWS).</summary>
internal sealed class StepFunctionsBuildExecutions(IStepFunctionsService service, string stateMachineArn) : IBuildExecutions
{
    public async Task<IReadOnlyList<BuildExecution>> ListAsync(int max, CancellationToken cancellationToken = default)
    {
        var listed = await service.ListExecutionsAsync(new ListExecutionsInput { StateMachineArn = stateMachineArn, MaxResults = max }, cancellationToken);
        return [.. listed.Executions.OrderByDescending(e => e.StartDate).Take(max)
            .Select(e => new BuildExecution(e.ExecutionArn, e.Name, e.Status.Value, e.StartDate, e.StopDate))];
    }

    public async Task<string?> CurrentStateAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        var history = await service.GetExecutionHistoryAsync(new GetExecutionHistoryInput { ExecutionArn = executionArn, ReverseOrder = true, MaxResults = 100 }, cancellationToken);
        return history.Events.Select(e => e.StateEnteredEventDetails?.Name).FirstOrDefault(n => n is not null);
    }

    public async Task<BuildExecution> StartAsync(JsonObject input, CancellationToken cancellationToken = default)
    {
        var started = await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = stateMachineArn, Input = input.ToJson() }, cancellationToken);
        return new BuildExecution(started.ExecutionArn, started.ExecutionArn[(started.ExecutionArn.LastIndexOf(':') + 1)..], "RUNNING", started.StartDate, null);
    }

    public Task StopAsync(string executionArn, string cause, CancellationToken cancellationToken = default) =>
        service.StopExecutionAsync(new StopExecutionInput { ExecutionArn = executionArn, Error = "SageBuild.Stopped", Cause = cause }, cancellationToken);
}
