using System.Collections.Concurrent;
using System.Text.Json;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.StateMachines.Json;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Tests.Engine.Api.Dashboard;

/// <summary>
/// The Step Functions operations the dashboard uses, answered by a real <see cref="WorkflowEngine"/>: executions really
/// run and their histories are the engine's own. A stand-in (tests only) until the engine-backed service of issue 5
/// lands; the other operations are not needed here and say so.
/// </summary>
internal sealed class EngineBackedService(WorkflowEngine engine, TimeProvider time) : IStepFunctionsService
{
    private readonly ConcurrentDictionary<string, Machine> _machines = new(StringComparer.Ordinal);

    public Task<CreateStateMachineOutput> CreateStateMachineAsync(CreateStateMachineInput input, CancellationToken cancellationToken = default)
    {
        var info = engine.CreateStateMachine(input.Name, AslJson.Parse(input.Definition), input.RoleArn);
        _machines[info.StateMachineArn] = new Machine(info.StateMachineArn, input.Name, input.Definition, info.RoleArn, input.Type ?? StateMachineType.Standard, time.GetUtcNow());
        return Task.FromResult(new CreateStateMachineOutput { StateMachineArn = info.StateMachineArn, CreationDate = info.CreationDate });
    }

    public Task<DescribeStateMachineOutput> DescribeStateMachineAsync(DescribeStateMachineInput input, CancellationToken cancellationToken = default)
    {
        var machine = Find(input.StateMachineArn);
        return Task.FromResult(new DescribeStateMachineOutput
        {
            StateMachineArn = machine.Arn,
            Name = machine.Name,
            Status = StateMachineStatus.Active,
            Definition = machine.Definition,
            RoleArn = machine.RoleArn,
            Type = machine.Type,
            CreationDate = machine.Created,
        });
    }

    public async Task<DescribeStateMachineForExecutionOutput> DescribeStateMachineForExecutionAsync(DescribeStateMachineForExecutionInput input, CancellationToken cancellationToken = default)
    {
        var record = await engine.DescribeExecutionAsync(input.ExecutionArn, cancellationToken);
        var machine = Find(record.StateMachineArn);
        return new DescribeStateMachineForExecutionOutput
        {
            StateMachineArn = machine.Arn,
            Name = machine.Name,
            Definition = record.Definition,
            RoleArn = machine.RoleArn,
            UpdateDate = machine.Created,
        };
    }

    public Task<ListStateMachinesOutput> ListStateMachinesAsync(ListStateMachinesInput input, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ListStateMachinesOutput
        {
            StateMachines = [.. _machines.Values.OrderBy(m => m.Name, StringComparer.Ordinal)
                .Select(m => new StateMachineListItem { StateMachineArn = m.Arn, Name = m.Name, Type = m.Type, CreationDate = m.Created })],
        });

    public async Task<StartExecutionOutput> StartExecutionAsync(StartExecutionInput input, CancellationToken cancellationToken = default)
    {
        Find(input.StateMachineArn);
        JsonValue data;
        try
        {
            data = JsonValue.Parse(input.Input ?? "{}");
        }
        catch (JsonException e)
        {
            throw StepFunctionsErrors.InvalidExecutionInput(e.Message);
        }

        var record = await engine.StartExecutionAsync(input.StateMachineArn, data, new StartExecutionOptions { Name = input.Name }, cancellationToken);
        return new StartExecutionOutput { ExecutionArn = record.ExecutionArn, StartDate = record.StartDate };
    }

    public async Task<StopExecutionOutput> StopExecutionAsync(StopExecutionInput input, CancellationToken cancellationToken = default)
    {
        await engine.StopExecutionAsync(input.ExecutionArn, input.Error, input.Cause, cancellationToken);
        var record = await engine.DescribeExecutionAsync(input.ExecutionArn, cancellationToken);
        return new StopExecutionOutput { StopDate = record.StopDate ?? time.GetUtcNow() };
    }

    public async Task<DescribeExecutionOutput> DescribeExecutionAsync(DescribeExecutionInput input, CancellationToken cancellationToken = default)
    {
        var record = await engine.DescribeExecutionAsync(input.ExecutionArn, cancellationToken);
        return new DescribeExecutionOutput
        {
            ExecutionArn = record.ExecutionArn,
            StateMachineArn = record.StateMachineArn,
            Name = record.Name,
            Status = Status(record.Status),
            StartDate = record.StartDate,
            StopDate = record.StopDate,
            Input = record.Input.ToJson(),
            Output = record.Output?.ToJson(),
            Error = record.Error,
            Cause = record.Cause,
        };
    }

    public async Task<ListExecutionsOutput> ListExecutionsAsync(ListExecutionsInput input, CancellationToken cancellationToken = default)
    {
        var records = await engine.ListExecutionsAsync(input.StateMachineArn, cancellationToken);
        var items = records
            .Select(r => new ExecutionListItem
            {
                ExecutionArn = r.ExecutionArn,
                StateMachineArn = r.StateMachineArn,
                Name = r.Name,
                Status = Status(r.Status),
                StartDate = r.StartDate,
                StopDate = r.StopDate,
            })
            .Where(i => input.StatusFilter is null || i.Status == input.StatusFilter)
            .ToList();
        var (page, next) = Page(items, input.MaxResults, input.NextToken);
        return new ListExecutionsOutput { Executions = page, NextToken = next };
    }

    public async Task<GetExecutionHistoryOutput> GetExecutionHistoryAsync(GetExecutionHistoryInput input, CancellationToken cancellationToken = default)
    {
        var all = ApiHistory.From(await engine.GetExecutionHistoryAsync(input.ExecutionArn, cancellationToken));
        if (input.ReverseOrder == true)
            all.Reverse();
        var (page, next) = Page(all, input.MaxResults, input.NextToken);
        return new GetExecutionHistoryOutput { Events = page, NextToken = next };
    }

    public async Task<SendTaskSuccessOutput> SendTaskSuccessAsync(SendTaskSuccessInput input, CancellationToken cancellationToken = default)
    {
        await engine.SendTaskSuccessAsync(input.TaskToken, JsonValue.Parse(input.Output), cancellationToken);
        return new SendTaskSuccessOutput();
    }

    public async Task<SendTaskFailureOutput> SendTaskFailureAsync(SendTaskFailureInput input, CancellationToken cancellationToken = default)
    {
        await engine.SendTaskFailureAsync(input.TaskToken, input.Error, input.Cause, cancellationToken);
        return new SendTaskFailureOutput();
    }

    public Task<UpdateStateMachineOutput> UpdateStateMachineAsync(UpdateStateMachineInput input, CancellationToken cancellationToken = default) => NotNeeded<UpdateStateMachineOutput>();

    public Task<DeleteStateMachineOutput> DeleteStateMachineAsync(DeleteStateMachineInput input, CancellationToken cancellationToken = default) => NotNeeded<DeleteStateMachineOutput>();

    public Task<StartSyncExecutionOutput> StartSyncExecutionAsync(StartSyncExecutionInput input, CancellationToken cancellationToken = default) => NotNeeded<StartSyncExecutionOutput>();

    public Task<RedriveExecutionOutput> RedriveExecutionAsync(RedriveExecutionInput input, CancellationToken cancellationToken = default) => NotNeeded<RedriveExecutionOutput>();

    public Task<SendTaskHeartbeatOutput> SendTaskHeartbeatAsync(SendTaskHeartbeatInput input, CancellationToken cancellationToken = default) => NotNeeded<SendTaskHeartbeatOutput>();

    public Task<ValidateStateMachineDefinitionOutput> ValidateStateMachineDefinitionAsync(ValidateStateMachineDefinitionInput input, CancellationToken cancellationToken = default) => NotNeeded<ValidateStateMachineDefinitionOutput>();

    public Task<TestStateOutput> TestStateAsync(TestStateInput input, CancellationToken cancellationToken = default) => NotNeeded<TestStateOutput>();

    public Task<TagResourceOutput> TagResourceAsync(TagResourceInput input, CancellationToken cancellationToken = default) => NotNeeded<TagResourceOutput>();

    public Task<UntagResourceOutput> UntagResourceAsync(UntagResourceInput input, CancellationToken cancellationToken = default) => NotNeeded<UntagResourceOutput>();

    public Task<ListTagsForResourceOutput> ListTagsForResourceAsync(ListTagsForResourceInput input, CancellationToken cancellationToken = default) => NotNeeded<ListTagsForResourceOutput>();

    private static Task<T> NotNeeded<T>() => Task.FromException<T>(new NotSupportedException("the dashboard's test service answers only what the dashboard calls"));

    private static ExecutionStatus Status(EngineStatus status) => ExecutionStatus.FromValue(status.ToString());

    private Machine Find(string arn) =>
        _machines.TryGetValue(arn, out var machine) ? machine : throw StepFunctionsErrors.StateMachineDoesNotExist(arn);

    private static (List<T> Page, string? NextToken) Page<T>(List<T> all, int? maxResults, string? nextToken)
    {
        var size = maxResults is null or 0 ? 100 : maxResults.Value;
        var start = nextToken is null ? 0 : int.Parse(nextToken, CultureInfo.InvariantCulture);
        var next = start + size < all.Count ? (start + size).ToString(CultureInfo.InvariantCulture) : null;
        return ([.. all.Skip(start).Take(size)], next);
    }

    private sealed record Machine(string Arn, string Name, string Definition, string RoleArn, StateMachineType Type, DateTimeOffset Created);
}
