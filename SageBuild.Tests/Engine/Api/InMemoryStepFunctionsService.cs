using System.Collections.Concurrent;
using System.Text.Json;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.Engine.Api;

/// <summary>
/// A test double of the engine for the protocol layer only: it keeps state machines, executions and tags in memory and
/// applies AWS's ARN, name, definition and input rules, but runs nothing (an execution stays RUNNING until stopped).
/// The engine-backed service replaces it in the lifecycle tests.
/// </summary>
internal sealed class InMemoryStepFunctionsService(TimeProvider time) : IStepFunctionsService
{
    public const string Region = "us-east-1";
    public const string Account = "123456789012";

    private readonly ConcurrentDictionary<string, Machine> _machines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Execution> _executions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public InMemoryStepFunctionsService()
        : this(TimeProvider.System)
    {
    }

    public Task<CreateStateMachineOutput> CreateStateMachineAsync(CreateStateMachineInput input, CancellationToken cancellationToken = default)
    {
        StepFunctionsNames.EnsureValid(input.Name);
        CheckDefinition(input.Definition);
        var arn = StepFunctionsArn.ForStateMachine(Region, Account, input.Name).ToString();
        lock (_gate)
        {
            var type = input.Type ?? StateMachineType.Standard;
            if (_machines.TryGetValue(arn, out var existing))
            {
                // AWS makes an identical request idempotent and refuses one that differs.
                return existing.Definition == input.Definition && existing.Type == type
                    ? Task.FromResult(new CreateStateMachineOutput { StateMachineArn = arn, CreationDate = existing.Created })
                    : throw StepFunctionsErrors.StateMachineAlreadyExists(arn);
            }
            var machine = new Machine(arn, input.Name, input.Definition, input.RoleArn, type, time.GetUtcNow(), Tags(input.Tags));
            _machines[arn] = machine;
            return Task.FromResult(new CreateStateMachineOutput { StateMachineArn = arn, CreationDate = machine.Created });
        }
    }

    public Task<UpdateStateMachineOutput> UpdateStateMachineAsync(UpdateStateMachineInput input, CancellationToken cancellationToken = default)
    {
        var machine = FindMachine(input.StateMachineArn);
        if (input.Definition is null && input.RoleArn is null && input.LoggingConfiguration is null && input.TracingConfiguration is null)
            throw StepFunctionsErrors.NothingToUpdate();
        if (input.Definition is not null)
            CheckDefinition(input.Definition);
        lock (_gate)
        {
            machine.Definition = input.Definition ?? machine.Definition;
            machine.RoleArn = input.RoleArn ?? machine.RoleArn;
            machine.Revision++;
        }
        return Task.FromResult(new UpdateStateMachineOutput
        {
            UpdateDate = time.GetUtcNow(),
            RevisionId = machine.Revision.ToString(CultureInfo.InvariantCulture),
        });
    }

    public Task<DeleteStateMachineOutput> DeleteStateMachineAsync(DeleteStateMachineInput input, CancellationToken cancellationToken = default)
    {
        StepFunctionsArn.Parse(input.StateMachineArn, StepFunctionsResourceType.StateMachine);
        _machines.TryRemove(input.StateMachineArn, out _);
        return Task.FromResult(new DeleteStateMachineOutput());
    }

    public Task<DescribeStateMachineOutput> DescribeStateMachineAsync(DescribeStateMachineInput input, CancellationToken cancellationToken = default)
    {
        var machine = FindMachine(input.StateMachineArn);
        return Task.FromResult(new DescribeStateMachineOutput
        {
            StateMachineArn = machine.Arn,
            Name = machine.Name,
            Status = StateMachineStatus.Active,
            Definition = machine.Definition,
            RoleArn = machine.RoleArn,
            Type = machine.Type,
            CreationDate = machine.Created,
            LoggingConfiguration = new LoggingConfiguration { Level = LogLevel.Off, IncludeExecutionData = false },
            TracingConfiguration = new TracingConfiguration { Enabled = false },
            RevisionId = machine.Revision == 0 ? null : machine.Revision.ToString(CultureInfo.InvariantCulture),
        });
    }

    public Task<DescribeStateMachineForExecutionOutput> DescribeStateMachineForExecutionAsync(DescribeStateMachineForExecutionInput input, CancellationToken cancellationToken = default)
    {
        var execution = FindExecution(input.ExecutionArn);
        var machine = FindMachine(execution.StateMachineArn);
        return Task.FromResult(new DescribeStateMachineForExecutionOutput
        {
            StateMachineArn = machine.Arn,
            Name = machine.Name,
            Definition = machine.Definition,
            RoleArn = machine.RoleArn,
            UpdateDate = machine.Created,
        });
    }

    public Task<ListStateMachinesOutput> ListStateMachinesAsync(ListStateMachinesInput input, CancellationToken cancellationToken = default)
    {
        var all = _machines.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var (page, next) = Page(all, input.MaxResults, input.NextToken);
        return Task.FromResult(new ListStateMachinesOutput
        {
            StateMachines = page.Select(m => new StateMachineListItem { StateMachineArn = m.Arn, Name = m.Name, Type = m.Type, CreationDate = m.Created }).ToList(),
            NextToken = next,
        });
    }

    public Task<StartExecutionOutput> StartExecutionAsync(StartExecutionInput input, CancellationToken cancellationToken = default)
    {
        var machine = FindMachine(input.StateMachineArn);
        var name = input.Name ?? Guid.NewGuid().ToString();
        StepFunctionsNames.EnsureValid(name);
        var data = input.Input ?? "{}";
        try
        {
            JsonValue.Parse(data);
        }
        catch (JsonException e)
        {
            throw StepFunctionsErrors.InvalidExecutionInput(e.Message);
        }
        var arn = StepFunctionsArn.ForExecution(Region, Account, machine.Name, name).ToString();
        var execution = new Execution(arn, machine.Arn, name, data, time.GetUtcNow());
        if (!_executions.TryAdd(arn, execution))
            throw StepFunctionsErrors.ExecutionAlreadyExists(arn);
        return Task.FromResult(new StartExecutionOutput { ExecutionArn = arn, StartDate = execution.Started });
    }

    public Task<StartSyncExecutionOutput> StartSyncExecutionAsync(StartSyncExecutionInput input, CancellationToken cancellationToken = default)
    {
        var machine = FindMachine(input.StateMachineArn);
        throw machine.Type == StateMachineType.Standard
            ? StepFunctionsErrors.StateMachineTypeNotSupported()
            : new NotSupportedException("The protocol test double runs nothing");
    }

    public Task<StopExecutionOutput> StopExecutionAsync(StopExecutionInput input, CancellationToken cancellationToken = default)
    {
        var execution = FindExecution(input.ExecutionArn);
        lock (_gate)
        {
            if (execution.Status == ExecutionStatus.Running)
            {
                execution.Status = ExecutionStatus.Aborted;
                execution.Stopped = time.GetUtcNow();
                execution.Error = input.Error;
                execution.Cause = input.Cause;
            }
        }
        return Task.FromResult(new StopExecutionOutput { StopDate = execution.Stopped ?? time.GetUtcNow() });
    }

    public Task<DescribeExecutionOutput> DescribeExecutionAsync(DescribeExecutionInput input, CancellationToken cancellationToken = default)
    {
        var execution = FindExecution(input.ExecutionArn);
        return Task.FromResult(new DescribeExecutionOutput
        {
            ExecutionArn = execution.Arn,
            StateMachineArn = execution.StateMachineArn,
            Name = execution.Name,
            Status = execution.Status,
            StartDate = execution.Started,
            StopDate = execution.Stopped,
            Input = execution.Input,
            InputDetails = new CloudWatchEventsExecutionDataDetails { Included = true },
            Error = execution.Error,
            Cause = execution.Cause,
            RedriveCount = 0,
        });
    }

    public Task<ListExecutionsOutput> ListExecutionsAsync(ListExecutionsInput input, CancellationToken cancellationToken = default)
    {
        if (input.StateMachineArn is null)
            throw new StepFunctionsException(StepFunctionsErrorCodes.ValidationException, "Must provide a StateMachine ARN or MapRun ARN");
        FindMachine(input.StateMachineArn);
        var matching = _executions.Values
            .Where(e => e.StateMachineArn == input.StateMachineArn && (input.StatusFilter is null || e.Status == input.StatusFilter))
            .OrderByDescending(e => e.Started)
            .ThenByDescending(e => e.Name, StringComparer.Ordinal)
            .ToList();
        var (page, next) = Page(matching, input.MaxResults, input.NextToken);
        return Task.FromResult(new ListExecutionsOutput
        {
            Executions = page.Select(e => new ExecutionListItem
            {
                ExecutionArn = e.Arn,
                StateMachineArn = e.StateMachineArn,
                Name = e.Name,
                Status = e.Status,
                StartDate = e.Started,
                StopDate = e.Stopped,
            }).ToList(),
            NextToken = next,
        });
    }

    public Task<GetExecutionHistoryOutput> GetExecutionHistoryAsync(GetExecutionHistoryInput input, CancellationToken cancellationToken = default)
    {
        var execution = FindExecution(input.ExecutionArn);
        var includeData = input.IncludeExecutionData ?? true;
        var events = new List<HistoryEvent>
        {
            new()
            {
                Id = 1,
                PreviousEventId = 0,
                Timestamp = execution.Started,
                Type = HistoryEventType.ExecutionStarted,
                ExecutionStartedEventDetails = new ExecutionStartedEventDetails
                {
                    Input = includeData ? execution.Input : null,
                    InputDetails = new HistoryEventExecutionDataDetails { Truncated = false },
                    RoleArn = FindMachine(execution.StateMachineArn).RoleArn,
                },
            },
        };
        if (execution.Status == ExecutionStatus.Aborted)
        {
            events.Add(new HistoryEvent
            {
                Id = 2,
                PreviousEventId = 0,
                Timestamp = execution.Stopped!.Value,
                Type = HistoryEventType.ExecutionAborted,
                ExecutionAbortedEventDetails = new ExecutionAbortedEventDetails { Error = execution.Error, Cause = execution.Cause },
            });
        }
        if (input.ReverseOrder == true)
            events.Reverse();
        var (page, next) = Page(events, input.MaxResults, input.NextToken);
        return Task.FromResult(new GetExecutionHistoryOutput { Events = page, NextToken = next });
    }

    public Task<RedriveExecutionOutput> RedriveExecutionAsync(RedriveExecutionInput input, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The protocol test double runs nothing");

    public Task<SendTaskSuccessOutput> SendTaskSuccessAsync(SendTaskSuccessInput input, CancellationToken cancellationToken = default) =>
        throw StepFunctionsErrors.InvalidToken("Invalid token");

    public Task<SendTaskFailureOutput> SendTaskFailureAsync(SendTaskFailureInput input, CancellationToken cancellationToken = default) =>
        throw StepFunctionsErrors.InvalidToken("Invalid token");

    public Task<SendTaskHeartbeatOutput> SendTaskHeartbeatAsync(SendTaskHeartbeatInput input, CancellationToken cancellationToken = default) =>
        throw StepFunctionsErrors.InvalidToken("Invalid token");

    public Task<ValidateStateMachineDefinitionOutput> ValidateStateMachineDefinitionAsync(ValidateStateMachineDefinitionInput input, CancellationToken cancellationToken = default)
    {
        var errors = DefinitionValidator.Validate(input.Definition);
        return Task.FromResult(new ValidateStateMachineDefinitionOutput
        {
            Result = errors.Count == 0 ? ValidateStateMachineDefinitionResultCode.Ok : ValidateStateMachineDefinitionResultCode.Fail,
            Diagnostics = errors.Select(e => new ValidateStateMachineDefinitionDiagnostic
            {
                Severity = ValidateStateMachineDefinitionSeverity.Error,
                Code = e.Code,
                Message = e.Message,
                Location = e.Pointer,
            }).ToList(),
        });
    }

    public Task<TestStateOutput> TestStateAsync(TestStateInput input, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The protocol test double runs nothing");

    public Task<TagResourceOutput> TagResourceAsync(TagResourceInput input, CancellationToken cancellationToken = default)
    {
        var machine = FindTagged(input.ResourceArn);
        lock (_gate)
        {
            foreach (var tag in input.Tags)
                machine.Tags[tag.Key!] = tag.Value ?? string.Empty;
        }
        return Task.FromResult(new TagResourceOutput());
    }

    public Task<UntagResourceOutput> UntagResourceAsync(UntagResourceInput input, CancellationToken cancellationToken = default)
    {
        var machine = FindTagged(input.ResourceArn);
        lock (_gate)
        {
            foreach (var key in input.TagKeys)
                machine.Tags.Remove(key);
        }
        return Task.FromResult(new UntagResourceOutput());
    }

    public Task<ListTagsForResourceOutput> ListTagsForResourceAsync(ListTagsForResourceInput input, CancellationToken cancellationToken = default)
    {
        var machine = FindTagged(input.ResourceArn);
        lock (_gate)
            return Task.FromResult(new ListTagsForResourceOutput { Tags = machine.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList() });
    }

    private Machine FindMachine(string arn)
    {
        StepFunctionsArn.Parse(arn, StepFunctionsResourceType.StateMachine);
        return _machines.TryGetValue(arn, out var machine) ? machine : throw StepFunctionsErrors.StateMachineDoesNotExist(arn);
    }

    private Machine FindTagged(string arn)
    {
        StepFunctionsArn.Parse(arn, StepFunctionsResourceType.StateMachine, StepFunctionsResourceType.Activity);
        return _machines.TryGetValue(arn, out var machine) ? machine : throw StepFunctionsErrors.ResourceNotFound(arn);
    }

    private Execution FindExecution(string arn)
    {
        StepFunctionsArn.Parse(arn, StepFunctionsResourceType.Execution, StepFunctionsResourceType.Express);
        return _executions.TryGetValue(arn, out var execution) ? execution : throw StepFunctionsErrors.ExecutionDoesNotExist(arn);
    }

    private static void CheckDefinition(string definition)
    {
        var errors = DefinitionValidator.Validate(definition);
        if (errors.Count > 0)
            throw StepFunctionsErrors.InvalidDefinition(errors);
    }

    private static Dictionary<string, string> Tags(IReadOnlyList<Tag>? tags) =>
        (tags ?? []).ToDictionary(t => t.Key!, t => t.Value ?? string.Empty, StringComparer.Ordinal);

    private static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> all, int? maxResults, string? nextToken)
    {
        var size = maxResults is null or 0 ? 100 : maxResults.Value;
        var start = 0;
        if (nextToken is not null && (!int.TryParse(nextToken, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > all.Count))
            throw new StepFunctionsException(StepFunctionsErrorCodes.InvalidToken, $"Invalid Token: '{nextToken}'");
        var page = all.Skip(start).Take(size).ToList();
        var next = start + size < all.Count ? (start + size).ToString(CultureInfo.InvariantCulture) : null;
        return (page, next);
    }

    private sealed class Machine(string arn, string name, string definition, string roleArn, StateMachineType type, DateTimeOffset created, Dictionary<string, string> tags)
    {
        public string Arn { get; } = arn;
        public string Name { get; } = name;
        public string Definition { get; set; } = definition;
        public string RoleArn { get; set; } = roleArn;
        public StateMachineType Type { get; } = type;
        public DateTimeOffset Created { get; } = created;
        public Dictionary<string, string> Tags { get; } = tags;
        public int Revision { get; set; }
    }

    private sealed class Execution(string arn, string stateMachineArn, string name, string input, DateTimeOffset started)
    {
        public string Arn { get; } = arn;
        public string StateMachineArn { get; } = stateMachineArn;
        public string Name { get; } = name;
        public string Input { get; } = input;
        public DateTimeOffset Started { get; } = started;
        public ExecutionStatus Status { get; set; } = ExecutionStatus.Running;
        public DateTimeOffset? Stopped { get; set; }
        public string? Error { get; set; }
        public string? Cause { get; set; }
    }
}
