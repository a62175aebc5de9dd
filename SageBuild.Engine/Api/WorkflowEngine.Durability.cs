using SageBuild.Engine.Execution;
using SageBuild.Engine.Preparation;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;
using StateMachineType = SageBuild.Engine.Api.Model.StateMachineType;

namespace SageBuild.Engine.Api;

public sealed partial class WorkflowEngine
{
    private readonly IStateMachineStore _machineStore;
    private readonly bool _isDurable;
    private readonly object[] _ownedStores;

    /// <summary>Whether the engine's stores outlive it (<see cref="EngineBuilder.UseDurableStores"/>).</summary>
    public bool IsDurable => _isDurable;

    /// <summary>
    /// Resumes every execution the store holds as RUNNING (left so by a crash or by an engine disposed over durable
    /// stores), each from its last recorded event; see ENGINE.md, "Durability and resume". Call it once, right after
    /// building the engine. Returns the ARNs of the resumed executions.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResumeAsync(CancellationToken cancellationToken = default)
    {
        var resumed = new List<string>();
        foreach (var record in await _context.Store.ListRunningExecutionsAsync(cancellationToken).ConfigureAwait(false))
        {
            // A distributed Map's child execution is run (again) by its parent, never on its own.
            if (record.Status != ExecutionStatus.RUNNING || IsChildExecution(record.ExecutionArn) || _running.ContainsKey(record.ExecutionArn))
                continue;
            var history = await _context.Store.ReadHistoryAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false);
            var run = CreateResumedRun(record);
            _running[record.ExecutionArn] = run;
            resumed.Add(record.ExecutionArn);
            _ = Task.Run(async () =>
            {
                await run.ResumeAsync(history).ConfigureAwait(false);
                _running.TryRemove(record.ExecutionArn, out _);
            }, CancellationToken.None);
        }

        return resumed;
    }

    // The execution runs the definition it started with (its pinned text), whatever its machine has become since.
    private ExecutionRun CreateResumedRun(ExecutionRecord record)
    {
        var prepared = _context.Preparations.GetOrPrepare(AslJson.Parse(record.Definition), out _);
        var machineName = record.StateMachineArn[(record.StateMachineArn.LastIndexOf(':') + 1)..];
        var roleArn = _machines.TryGetValue(record.StateMachineArn, out var machine)
            ? machine.Info.RoleArn
            : $"arn:aws:iam::{_options.AccountId}:role/StepFunctions-{machineName}-role";
        var express = record.ExecutionArn.Contains(":express:", StringComparison.Ordinal);
        var settings = new RunSettings(record.UsesVirtualClock, prepared.Definition.TimeoutSeconds, roleArn, machineName, _options.Region, _options.AccountId, Mocks: null)
        {
            IsExpress = express,
        };
        return new ExecutionRun(_context, prepared, record, settings);
    }

    private static bool IsChildExecution(string executionArn)
    {
        // arn:aws:states:region:account:execution:machine/label:name: only a Map Run's children have a '/' in the machine part.
        var parts = executionArn.Split(':');
        return parts.Length > 6 && parts[6].Contains('/', StringComparison.Ordinal);
    }

    private void LoadStateMachines()
    {
        foreach (var stored in _machineStore.LoadAll())
        {
            var definition = AslJson.Parse(stored.Definition);
            PreparedStateMachine prepared;
            try
            {
                prepared = _context.Preparations.GetOrPrepare(definition, out _);
            }
            catch (Exception e) when (e is FormatException or NotSupportedException)
            {
                throw new InvalidOperationException($"the stored state machine '{stored.StateMachineArn}' no longer prepares: {e.Message}", e);
            }

            var info = new StateMachineInfo(stored.StateMachineArn, stored.Name, definition, stored.RoleArn, stored.CreationDate) { Type = StateMachineType.FromValue(stored.Type) };
            _machines[stored.StateMachineArn] = new RegisteredMachine(info, prepared, stored.Definition);
            if (stored.Attributes is { } attributes)
                _attributes[stored.StateMachineArn] = attributes;
        }
    }
}
