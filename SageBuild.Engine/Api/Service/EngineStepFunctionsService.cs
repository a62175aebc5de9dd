using System.Collections.Concurrent;
using System.Text.Json;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Validation;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;
using ExecutionStatus = SageBuild.Engine.Api.Model.ExecutionStatus;

namespace SageBuild.Engine.Api.Service;

/// <summary>
/// The Step Functions API answered by a <see cref="WorkflowEngine"/>: state machines are the engine's, executions really
/// run, and histories are the engine's own events. ARNs, name rules, idempotency and error codes follow AWS.
/// </summary>
/// <remarks>
/// The engine owns what runs (state machines, executions, histories, task tokens). This service keeps beside it only what
/// the API shows and the engine does not need: a state machine's definition text as it was sent, its tags, revision,
/// dates, logging and tracing settings. The engine stores them for it (<see cref="WorkflowEngine.SaveStateMachineAttributes"/>),
/// so on durable stores they survive a restart; a machine created straight on the engine has none, and is shown with
/// the definition as the engine writes it.
/// </remarks>
public sealed partial class EngineStepFunctionsService : IStepFunctionsService
{
    private readonly WorkflowEngine _engine;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, StateMachineExtras> _extras = new(StringComparer.Ordinal);

    // Creating, updating and tagging a state machine read and then write; one lock keeps each of them whole.
    private readonly Lock _catalog = new();

    /// <summary>Serves <paramref name="engine"/>; timestamps of API-only changes (updates) come from <paramref name="time"/>.</summary>
    public EngineStepFunctionsService(WorkflowEngine engine, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The engine this service answers with.</summary>
    public WorkflowEngine Engine => _engine;

    private IExecutionStore Store => _engine.Store;

    private async Task<ExecutionRecord> FindExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        StepFunctionsArn.Parse(executionArn, StepFunctionsResourceType.Execution, StepFunctionsResourceType.Express);
        return await Store.GetExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false)
            ?? throw StepFunctionsErrors.ExecutionDoesNotExist(executionArn);
    }

    private StateMachineInfo FindStateMachine(string stateMachineArn)
    {
        StepFunctionsArn.Parse(stateMachineArn, StepFunctionsResourceType.StateMachine);
        return _engine.FindStateMachine(stateMachineArn) ?? throw StepFunctionsErrors.StateMachineDoesNotExist(stateMachineArn);
    }

    /// <summary>What the API shows of a state machine beyond the engine's record, made up when the service never saw it created.</summary>
    private StateMachineExtras ExtrasOf(StateMachineInfo info)
    {
        if (_extras.TryGetValue(info.StateMachineArn, out var extras))
            return extras;
        // Saved by this service before a restart, or never: a machine made on the engine directly.
        return _engine.StateMachineAttributes(info.StateMachineArn) is { } stored
            ? _extras.GetOrAdd(info.StateMachineArn, StateMachineExtrasCodec.Read(info.StateMachineArn, stored))
            : new StateMachineExtras(AslJson.Write(info.Definition, indented: false), info.CreationDate);
    }

    /// <summary>Keeps a machine's new extras, stored by the engine first: what the caller is told has changed survives a crash.</summary>
    private void Keep(string stateMachineArn, StateMachineExtras extras)
    {
        _engine.SaveStateMachineAttributes(stateMachineArn, StateMachineExtrasCodec.Write(extras));
        _extras[stateMachineArn] = extras;
    }

    private static void CheckDefinition(string definition)
    {
        var errors = DefinitionValidator.Validate(definition);
        if (errors.Count > 0)
            throw StepFunctionsErrors.InvalidDefinition(errors);
    }

    private static JsonValue ParseInput(string? input)
    {
        try
        {
            return JsonValue.Parse(input ?? "{}");
        }
        catch (JsonException e)
        {
            throw StepFunctionsErrors.InvalidExecutionInput(e.Message);
        }
    }

    private static ExecutionStatus Status(EngineStatus status) => status switch
    {
        EngineStatus.RUNNING => ExecutionStatus.Running,
        EngineStatus.SUCCEEDED => ExecutionStatus.Succeeded,
        EngineStatus.FAILED => ExecutionStatus.Failed,
        EngineStatus.TIMED_OUT => ExecutionStatus.TimedOut,
        EngineStatus.ABORTED => ExecutionStatus.Aborted,
        _ => ExecutionStatus.PendingRedrive,
    };

    private static bool IsExpress(string executionArn) =>
        executionArn.Contains(":express:", StringComparison.Ordinal);
}
