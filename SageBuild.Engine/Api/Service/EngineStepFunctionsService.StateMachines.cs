using System.Collections.Immutable;
using System.Security.Cryptography;
using SageBuild.Engine.Api.Model;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Api.Service;

/// <summary>CreateStateMachine, UpdateStateMachine, DeleteStateMachine, DescribeStateMachine(ForExecution), ListStateMachines.</summary>
public sealed partial class EngineStepFunctionsService
{
    /// <summary>AWS's limit on the tags of one resource.</summary>
    private const int MaxTags = 50;

    /// <inheritdoc />
    public Task<CreateStateMachineOutput> CreateStateMachineAsync(CreateStateMachineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        StepFunctionsNames.EnsureValid(input.Name);
        CheckDefinition(input.Definition);
        var tags = input.Tags ?? [];
        if (tags.Count > MaxTags)
            throw new StepFunctionsException(StepFunctionsErrorCodes.TooManyTags, $"Too many tags: {tags.Count} (at most {MaxTags})");
        var definition = AslJson.Parse(input.Definition);
        var type = input.Type ?? StateMachineType.Standard;
        lock (_catalog)
        {
            var arn = StepFunctionsArn.ForStateMachine(_engine.Region, _engine.AccountId, input.Name).ToString();
            if (_engine.FindStateMachine(arn) is { } existing)
            {
                // AWS makes a repeated, identical request idempotent and refuses one that differs.
                var extras = ExtrasOf(existing);
                return extras.Definition == input.Definition && existing.Type == type && existing.RoleArn == input.RoleArn
                    ? Task.FromResult(new CreateStateMachineOutput { StateMachineArn = arn, CreationDate = extras.CreationDate })
                    : throw StepFunctionsErrors.StateMachineAlreadyExists(arn);
            }

            var info = _engine.CreateStateMachine(input.Name, definition, type, input.RoleArn);
            Keep(info.StateMachineArn, new StateMachineExtras(input.Definition, info.CreationDate)
            {
                Tags = tags.ToImmutableSortedDictionary(t => t.Key!, t => t.Value ?? string.Empty, StringComparer.Ordinal),
                LoggingConfiguration = input.LoggingConfiguration,
                TracingConfiguration = input.TracingConfiguration,
            });
            return Task.FromResult(new CreateStateMachineOutput { StateMachineArn = info.StateMachineArn, CreationDate = info.CreationDate });
        }
    }

    /// <inheritdoc />
    public Task<UpdateStateMachineOutput> UpdateStateMachineAsync(UpdateStateMachineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        FindStateMachine(input.StateMachineArn);
        if (input.Definition is null && input.RoleArn is null && input.LoggingConfiguration is null && input.TracingConfiguration is null)
            throw StepFunctionsErrors.NothingToUpdate();
        if (input.Definition is not null)
            CheckDefinition(input.Definition);
        lock (_catalog)
        {
            var info = FindStateMachine(input.StateMachineArn);
            var extras = ExtrasOf(info);
            var definition = input.Definition is null ? info.Definition : AslJson.Parse(input.Definition);
            // Executions already running keep the definition they started with; new ones get the new one.
            _engine.CreateStateMachine(info.Name, definition, info.Type, input.RoleArn ?? info.RoleArn);
            var now = _time.GetUtcNow();
            var updated = extras with
            {
                Definition = input.Definition ?? extras.Definition,
                RevisionId = NewRevisionId(),
                UpdateDate = now,
                LoggingConfiguration = input.LoggingConfiguration ?? extras.LoggingConfiguration,
                TracingConfiguration = input.TracingConfiguration ?? extras.TracingConfiguration,
            };
            Keep(info.StateMachineArn, updated);
            return Task.FromResult(new UpdateStateMachineOutput { UpdateDate = now, RevisionId = updated.RevisionId });
        }
    }

    /// <inheritdoc />
    public Task<DeleteStateMachineOutput> DeleteStateMachineAsync(DeleteStateMachineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        StepFunctionsArn.Parse(input.StateMachineArn, StepFunctionsResourceType.StateMachine);
        lock (_catalog)
        {
            // As in AWS, deleting a state machine that is not there succeeds.
            _engine.DeleteStateMachine(input.StateMachineArn);
            _extras.TryRemove(input.StateMachineArn, out _);
        }

        return Task.FromResult(new DeleteStateMachineOutput());
    }

    /// <inheritdoc />
    public Task<DescribeStateMachineOutput> DescribeStateMachineAsync(DescribeStateMachineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var info = FindStateMachine(input.StateMachineArn);
        var extras = ExtrasOf(info);
        return Task.FromResult(new DescribeStateMachineOutput
        {
            StateMachineArn = info.StateMachineArn,
            Name = info.Name,
            Status = StateMachineStatus.Active,
            Definition = extras.Definition,
            RoleArn = info.RoleArn,
            Type = info.Type,
            CreationDate = extras.CreationDate,
            LoggingConfiguration = extras.LoggingConfiguration ?? new LoggingConfiguration { Level = LogLevel.Off, IncludeExecutionData = false },
            TracingConfiguration = extras.TracingConfiguration ?? new TracingConfiguration { Enabled = false },
            RevisionId = extras.RevisionId,
        });
    }

    /// <inheritdoc />
    public async Task<DescribeStateMachineForExecutionOutput> DescribeStateMachineForExecutionAsync(DescribeStateMachineForExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await FindExecutionAsync(input.ExecutionArn, cancellationToken).ConfigureAwait(false);
        var info = _engine.FindStateMachine(record.StateMachineArn);
        var extras = info is null ? null : ExtrasOf(info);
        // The execution is pinned to the definition it started with; show the caller's own text when it is that one.
        var definition = extras is not null && info is not null && AslJson.Write(info.Definition, indented: false) == record.Definition
            ? extras.Definition
            : record.Definition;
        return new DescribeStateMachineForExecutionOutput
        {
            StateMachineArn = record.StateMachineArn,
            Name = StepFunctionsArn.Parse(record.StateMachineArn).StateMachineName,
            Definition = definition,
            RoleArn = info?.RoleArn ?? string.Empty,
            UpdateDate = extras?.UpdateDate ?? extras?.CreationDate ?? record.StartDate,
            LoggingConfiguration = extras?.LoggingConfiguration,
            TracingConfiguration = extras?.TracingConfiguration,
            RevisionId = extras?.RevisionId,
        };
    }

    /// <inheritdoc />
    public Task<ListStateMachinesOutput> ListStateMachinesAsync(ListStateMachinesInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (page, next) = PageToken.Page(_engine.ListStateMachines(), input.MaxResults, input.NextToken, "ListStateMachines");
        return Task.FromResult(new ListStateMachinesOutput
        {
            StateMachines = [.. page.Select(m => new StateMachineListItem
            {
                StateMachineArn = m.StateMachineArn,
                Name = m.Name,
                Type = m.Type,
                CreationDate = ExtrasOf(m).CreationDate,
            })],
            NextToken = next,
        });
    }

    /// <summary>A revision id shaped as AWS's (a random UUID).</summary>
    private static string NewRevisionId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
