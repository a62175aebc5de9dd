using System.Runtime.CompilerServices;
using SageBuild.Engine.Api.Model;

namespace SageBuild.Engine.Api.Client;

/// <summary>Shorter calls for the common operations, and listings that follow <c>nextToken</c> across pages.</summary>
public sealed partial class StepFunctionsClient
{
    /// <summary>Starts an execution of <paramref name="stateMachineArn"/> with <paramref name="input"/> (JSON text).</summary>
    public Task<StartExecutionOutput> StartExecutionAsync(
        string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default) =>
        StartExecutionAsync(new StartExecutionInput { StateMachineArn = stateMachineArn, Input = input ?? "{}", Name = name }, cancellationToken);

    /// <summary>Describes an execution.</summary>
    public Task<DescribeExecutionOutput> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = executionArn }, cancellationToken);

    /// <summary>Stops an execution; it ends ABORTED with <paramref name="error"/> and <paramref name="cause"/>.</summary>
    public Task<StopExecutionOutput> StopExecutionAsync(
        string executionArn, string? error = null, string? cause = null, CancellationToken cancellationToken = default) =>
        StopExecutionAsync(new StopExecutionInput { ExecutionArn = executionArn, Error = error, Cause = cause }, cancellationToken);

    /// <summary>Completes the task waiting on <paramref name="taskToken"/> with <paramref name="output"/> (JSON text).</summary>
    public Task<SendTaskSuccessOutput> SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default) =>
        SendTaskSuccessAsync(new SendTaskSuccessInput { TaskToken = taskToken, Output = output }, cancellationToken);

    /// <summary>Fails the task waiting on <paramref name="taskToken"/>.</summary>
    public Task<SendTaskFailureOutput> SendTaskFailureAsync(
        string taskToken, string? error = null, string? cause = null, CancellationToken cancellationToken = default) =>
        SendTaskFailureAsync(new SendTaskFailureInput { TaskToken = taskToken, Error = error, Cause = cause }, cancellationToken);

    /// <summary>Tells the task waiting on <paramref name="taskToken"/> that its worker is still alive.</summary>
    public Task<SendTaskHeartbeatOutput> SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) =>
        SendTaskHeartbeatAsync(new SendTaskHeartbeatInput { TaskToken = taskToken }, cancellationToken);

    /// <summary>Every event of an execution's history, fetching page after page.</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="reverseOrder">Newest first.</param>
    /// <param name="includeExecutionData">Whether events carry inputs and outputs.</param>
    /// <param name="pageSize">Events per call; null lets the server choose.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public async IAsyncEnumerable<HistoryEvent> GetExecutionHistoryEventsAsync(
        string executionArn,
        bool reverseOrder = false,
        bool includeExecutionData = true,
        int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? nextToken = null;
        do
        {
            var page = await GetExecutionHistoryAsync(new GetExecutionHistoryInput
            {
                ExecutionArn = executionArn,
                ReverseOrder = reverseOrder,
                IncludeExecutionData = includeExecutionData,
                MaxResults = pageSize,
                NextToken = nextToken,
            }, cancellationToken);
            foreach (var historyEvent in page.Events)
                yield return historyEvent;
            nextToken = page.NextToken;
        }
        while (nextToken is not null);
    }

    /// <summary>Every execution of a state machine, newest first, fetching page after page.</summary>
    public async IAsyncEnumerable<ExecutionListItem> ListAllExecutionsAsync(
        string stateMachineArn,
        ExecutionStatus? statusFilter = null,
        int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? nextToken = null;
        do
        {
            var page = await ListExecutionsAsync(new ListExecutionsInput
            {
                StateMachineArn = stateMachineArn,
                StatusFilter = statusFilter,
                MaxResults = pageSize,
                NextToken = nextToken,
            }, cancellationToken);
            foreach (var execution in page.Executions)
                yield return execution;
            nextToken = page.NextToken;
        }
        while (nextToken is not null);
    }

    /// <summary>Every state machine, fetching page after page.</summary>
    public async IAsyncEnumerable<StateMachineListItem> ListAllStateMachinesAsync(
        int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? nextToken = null;
        do
        {
            var page = await ListStateMachinesAsync(new ListStateMachinesInput { MaxResults = pageSize, NextToken = nextToken }, cancellationToken);
            foreach (var machine in page.StateMachines)
                yield return machine;
            nextToken = page.NextToken;
        }
        while (nextToken is not null);
    }
}
