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
        var redrives = standard ? await _engine.GetRedriveInfoAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false) : null;
        var (redriveStatus, redriveReason) = await RedriveStatusOfAsync(record, cancellationToken).ConfigureAwait(false);
        var mapRunArn = await _engine.FindMapRunArnOfAsync(record, cancellationToken).ConfigureAwait(false);
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
            RedriveCount = redrives?.Count,
            RedriveDate = redrives?.LastDate,
            RedriveStatus = standard ? redriveStatus : null,
            RedriveStatusReason = standard ? redriveReason : null,
            MapRunArn = mapRunArn,
        };
    }

    /// <inheritdoc />
    public async Task<ListExecutionsOutput> ListExecutionsAsync(ListExecutionsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.MapRunArn is not null)
            return await ListMapRunExecutionsAsync(input, cancellationToken).ConfigureAwait(false);

        if (input.StateMachineArn is null)
            throw new StepFunctionsException(StepFunctionsErrorCodes.ValidationException, "Must provide a StateMachine ARN or MapRun ARN");
        var machine = FindStateMachine(input.StateMachineArn);
        if (machine.Type == StateMachineType.Express)
            throw StepFunctionsErrors.StateMachineTypeNotSupported();
        var records = await Store.ListExecutionsAsync(machine.StateMachineArn, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ExecutionRecord> matching = input.StatusFilter is { } status ? [.. records.Where(r => Status(r.Status) == status)] : records;
        if (input.RedriveFilter is { } redriveFilter)
        {
            var redriven = redriveFilter == ExecutionRedriveFilter.Redriven;
            var kept = new List<ExecutionRecord>(matching.Count);
            foreach (var r in matching)
            {
                if ((await _engine.GetRedriveInfoAsync(r.ExecutionArn, cancellationToken).ConfigureAwait(false)).Count > 0 == redriven)
                    kept.Add(r);
            }

            matching = kept;
        }

        var scope = $"ListExecutions|{machine.StateMachineArn}|{input.StatusFilter?.Value}|{input.RedriveFilter?.Value}";
        var (page, next) = PageToken.Page(matching, input.MaxResults, input.NextToken, scope);
        var items = new List<ExecutionListItem>(page.Count);
        foreach (var r in page)
        {
            var redrives = await _engine.GetRedriveInfoAsync(r.ExecutionArn, cancellationToken).ConfigureAwait(false);
            items.Add(new ExecutionListItem
            {
                ExecutionArn = r.ExecutionArn,
                StateMachineArn = r.StateMachineArn,
                Name = r.Name,
                Status = Status(r.Status),
                StartDate = r.StartDate,
                StopDate = r.StopDate,
                RedriveCount = redrives.Count,
                RedriveDate = redrives.LastDate,
            });
        }

        return new ListExecutionsOutput { Executions = items, NextToken = next };
    }

    // A distributed Map's child executions, running and ended. They are not redriven on their own (their Map Run is,
    // with new children), so a redriveFilter of REDRIVEN lists none and shows no redrive count.
    private async Task<ListExecutionsOutput> ListMapRunExecutionsAsync(ListExecutionsInput input, CancellationToken cancellationToken)
    {
        var mapRunArn = input.MapRunArn!;
        StepFunctionsArn.Parse(mapRunArn, StepFunctionsResourceType.MapRun);
        var records = await _engine.ListMapRunExecutionsAsync(mapRunArn, cancellationToken).ConfigureAwait(false)
            ?? throw StepFunctionsErrors.ResourceNotFound(mapRunArn);
        IReadOnlyList<ExecutionRecord> matching = input.StatusFilter is { } status ? [.. records.Where(r => Status(r.Status) == status)] : records;
        if (input.RedriveFilter == ExecutionRedriveFilter.Redriven)
            matching = [];
        var scope = $"ListExecutions|{mapRunArn}|{input.StatusFilter?.Value}|{input.RedriveFilter?.Value}";
        var (page, next) = PageToken.Page(matching, input.MaxResults, input.NextToken, scope);
        var items = page.Select(r => new ExecutionListItem
        {
            ExecutionArn = r.ExecutionArn,
            StateMachineArn = r.StateMachineArn,
            MapRunArn = mapRunArn,
            Name = r.Name,
            Status = Status(r.Status),
            StartDate = r.StartDate,
            StopDate = r.StopDate,
        }).ToList();
        return new ListExecutionsOutput { Executions = items, NextToken = next };
    }
}
