using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Engine.Api.Service;

/// <summary>StartExecution, StartSyncExecution, StopExecution, DescribeExecution, ListExecutions, RedriveExecution.</summary>
public sealed partial class EngineStepFunctionsService
{
    /// <inheritdoc />
    public async Task<StartExecutionOutput> StartExecutionAsync(StartExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var machine = FindStateMachine(input.StateMachineArn);
        if (input.Name is not null)
            StepFunctionsNames.EnsureValid(input.Name);
        var data = ParseInput(input.Input);
        var named = input.Name is not null && machine.Type == StateMachineType.Standard
            ? StepFunctionsArn.ForExecution(_engine.Region, _engine.AccountId, machine.Name, input.Name!).ToString()
            : null;
        if (named is not null && await SameRequestAsync(named, data, cancellationToken).ConfigureAwait(false) is { } earlier)
            return earlier;
        try
        {
            var record = await _engine.StartExecutionAsync(machine.StateMachineArn, data, new StartExecutionOptions { Name = input.Name }, cancellationToken).ConfigureAwait(false);
            return new StartExecutionOutput { ExecutionArn = record.ExecutionArn, StartDate = record.StartDate };
        }
        catch (StepFunctionsException e) when (named is not null && e.Code == StepFunctionsErrorCodes.ExecutionAlreadyExists)
        {
            // The same request, arriving at the same moment as the first: answered as the first.
            var first = await SameRequestAsync(named, data, cancellationToken).ConfigureAwait(false);
            if (first is null)
                throw;
            return first;
        }
    }

    /// <summary>
    /// AWS: the same name with the same input while the execution runs is the same request, answered again (null when
    /// there is no execution of that name); anything else with a name already used is ExecutionAlreadyExists.
    /// </summary>
    private async Task<StartExecutionOutput?> SameRequestAsync(string executionArn, JsonValue input, CancellationToken cancellationToken)
    {
        if (await Store.GetExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false) is not { } existing)
            return null;
        return existing.Status == EngineStatus.RUNNING && existing.Input.Equals(input)
            ? new StartExecutionOutput { ExecutionArn = existing.ExecutionArn, StartDate = existing.StartDate }
            : throw StepFunctionsErrors.ExecutionAlreadyExists(executionArn);
    }

    /// <inheritdoc />
    public async Task<StartSyncExecutionOutput> StartSyncExecutionAsync(StartSyncExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var machine = FindStateMachine(input.StateMachineArn);
        if (machine.Type != StateMachineType.Express)
            throw StepFunctionsErrors.StateMachineTypeNotSupported();
        if (input.Name is not null)
            StepFunctionsNames.EnsureValid(input.Name);
        var data = ParseInput(input.Input);
        var record = await _engine.ExecuteAsync(machine.StateMachineArn, data, new StartExecutionOptions { Name = input.Name }, cancellationToken).ConfigureAwait(false);
        return new StartSyncExecutionOutput
        {
            ExecutionArn = record.ExecutionArn,
            StateMachineArn = record.StateMachineArn,
            Name = record.Name,
            StartDate = record.StartDate,
            StopDate = record.StopDate ?? record.StartDate,
            Status = record.Status switch
            {
                EngineStatus.SUCCEEDED => SyncExecutionStatus.Succeeded,
                EngineStatus.TIMED_OUT => SyncExecutionStatus.TimedOut,
                _ => SyncExecutionStatus.Failed,
            },
            Error = record.Error,
            Cause = record.Cause,
            Input = record.Input.ToJson(),
            InputDetails = new CloudWatchEventsExecutionDataDetails { Included = true },
            Output = record.Output?.ToJson(),
            OutputDetails = record.Output is null ? null : new CloudWatchEventsExecutionDataDetails { Included = true },
            BillingDetails = new BillingDetails
            {
                BilledDurationInMilliseconds = (long)Math.Ceiling(((record.StopDate ?? record.StartDate) - record.StartDate).TotalMilliseconds),
                BilledMemoryUsedInMB = 64,
            },
        };
    }

    /// <inheritdoc />
    public async Task<StopExecutionOutput> StopExecutionAsync(StopExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await FindExecutionAsync(input.ExecutionArn, cancellationToken).ConfigureAwait(false);
        await _engine.StopExecutionAsync(input.ExecutionArn, input.Error, input.Cause, cancellationToken).ConfigureAwait(false);
        var stopped = await FindExecutionAsync(input.ExecutionArn, cancellationToken).ConfigureAwait(false);
        return new StopExecutionOutput { StopDate = stopped.StopDate ?? _time.GetUtcNow() };
    }

    /// <inheritdoc />
    public async Task<DescribeExecutionOutput> DescribeExecutionAsync(DescribeExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await FindExecutionAsync(input.ExecutionArn, cancellationToken).ConfigureAwait(false);
        var standard = !IsExpress(record.ExecutionArn);
        return new DescribeExecutionOutput
        {
            ExecutionArn = record.ExecutionArn,
            StateMachineArn = record.StateMachineArn,
            Name = record.Name,
            Status = Status(record.Status),
            StartDate = record.StartDate,
            StopDate = record.StopDate,
            Input = record.Input.ToJson(),
            InputDetails = new CloudWatchEventsExecutionDataDetails { Included = true },
            Output = record.Output?.ToJson(),
            OutputDetails = record.Output is null ? null : new CloudWatchEventsExecutionDataDetails { Included = true },
            Error = record.Error,
            Cause = record.Cause,
            RedriveCount = standard ? 0 : null,
            // Redrive is not supported here yet (see RedriveExecutionAsync), so no execution is REDRIVABLE.
            RedriveStatus = standard ? ExecutionRedriveStatus.NotRedrivable : null,
            RedriveStatusReason = standard ? RedriveReasonOf(record) : null,
        };
    }

    /// <inheritdoc />
    public async Task<ListExecutionsOutput> ListExecutionsAsync(ListExecutionsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.MapRunArn is not null)
        {
            // Map runs belong to distributed Maps, whose child executions this engine keeps inside the parent's history.
            StepFunctionsArn.Parse(input.MapRunArn, StepFunctionsResourceType.MapRun);
            throw StepFunctionsErrors.ResourceNotFound(input.MapRunArn);
        }

        if (input.StateMachineArn is null)
            throw new StepFunctionsException(StepFunctionsErrorCodes.ValidationException, "Must provide a StateMachine ARN or MapRun ARN");
        var machine = FindStateMachine(input.StateMachineArn);
        if (machine.Type == StateMachineType.Express)
            throw StepFunctionsErrors.StateMachineTypeNotSupported();
        var records = await Store.ListExecutionsAsync(machine.StateMachineArn, cancellationToken).ConfigureAwait(false);
        // No execution here has been redriven, so REDRIVEN matches none and NOT_REDRIVEN all.
        IReadOnlyList<ExecutionRecord> matching = input.RedriveFilter == ExecutionRedriveFilter.Redriven
            ? []
            : input.StatusFilter is { } status ? [.. records.Where(r => Status(r.Status) == status)] : records;
        var scope = $"ListExecutions|{machine.StateMachineArn}|{input.StatusFilter?.Value}|{input.RedriveFilter?.Value}";
        var (page, next) = PageToken.Page(matching, input.MaxResults, input.NextToken, scope);
        return new ListExecutionsOutput
        {
            Executions = [.. page.Select(r => new ExecutionListItem
            {
                ExecutionArn = r.ExecutionArn,
                StateMachineArn = r.StateMachineArn,
                Name = r.Name,
                Status = Status(r.Status),
                StartDate = r.StartDate,
                StopDate = r.StopDate,
                RedriveCount = 0,
            })],
            NextToken = next,
        };
    }

    /// <inheritdoc />
    /// <remarks>
    /// This engine cannot redrive yet: every execution gets ExecutionNotRedrivable, whose message says why (running,
    /// succeeded and Express executions are not redrivable on AWS either; the others would need the engine to resume a
    /// failed history, which it does not do yet).
    /// </remarks>
    public async Task<RedriveExecutionOutput> RedriveExecutionAsync(RedriveExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await FindExecutionAsync(input.ExecutionArn, cancellationToken).ConfigureAwait(false);
        throw new StepFunctionsException(StepFunctionsErrorCodes.ExecutionNotRedrivable,
            $"Execution {record.ExecutionArn} cannot be redriven: {RedriveReasonOf(record)}");
    }

    private static string RedriveReasonOf(ExecutionRecord record) => record.Status switch
    {
        EngineStatus.RUNNING => "Execution is RUNNING and cannot be redriven",
        EngineStatus.SUCCEEDED => "Execution is SUCCEEDED and cannot be redriven",
        _ when IsExpress(record.ExecutionArn) => "Express executions cannot be redriven",
        _ => "this SageBuild server does not support RedriveExecution yet; start a new execution instead",
    };
}
