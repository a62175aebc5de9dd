using System.Collections.Concurrent;
using System.Security.Cryptography;
using StateMachineType = SageBuild.Engine.Api.Model.StateMachineType;
using SageBuild.Engine.Execution;
using SageBuild.Engine.History;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Preparation;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Api;

/// <summary>
/// The embedded engine: runs ASL definitions on this machine with AWS Step Functions' semantics, many executions at
/// once. Built with <see cref="EngineBuilder"/>. Operations are named as in the Step Functions API.
/// </summary>
public sealed partial class WorkflowEngine : IAsyncDisposable
{
    private readonly EngineContext _context;
    private readonly EngineOptions _options;
    private readonly ConcurrentDictionary<string, RegisteredMachine> _machines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ExecutionRun> _running = new(StringComparer.Ordinal);

    // Names and seeds come from one generator seeded from the OS once: RandomNumberGenerator costs a system call per
    // use, which showed in the benchmark's small executions. Neither needs to be secret, only unlikely to repeat.
    private readonly Random _names = new LockedRandom(RandomNumberGenerator.GetInt32(int.MaxValue));

    internal WorkflowEngine(EngineContext context, EngineOptions options, IStateMachineStore machineStore, bool isDurable, object[] ownedStores)
    {
        _context = context;
        _options = options;
        _machineStore = machineStore;
        _isDurable = isDurable;
        _ownedStores = ownedStores;
        LoadStateMachines();
    }

    /// <summary>Where executions and histories are kept.</summary>
    public IExecutionStore Store => _context.Store;

    /// <summary>
    /// Creates (or, with the same name, replaces) a state machine. Throws <see cref="StepFunctionsException"/>
    /// (InvalidName, InvalidDefinition) when the name or definition cannot run.
    /// </summary>
    public StateMachineInfo CreateStateMachine(string name, StateMachineDefinition definition, string? roleArn = null) =>
        CreateStateMachine(name, definition, StateMachineType.Standard, roleArn);

    /// <summary>Creates (or replaces) a state machine of the given type (STANDARD or EXPRESS).</summary>
    public StateMachineInfo CreateStateMachine(string name, StateMachineDefinition definition, StateMachineType type, string? roleArn = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Names.Check(name, "state machine");
        PreparedStateMachine prepared;
        try
        {
            prepared = _context.Preparations.GetOrPrepare(definition, out _);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException)
        {
            throw new StepFunctionsException("InvalidDefinition", e.Message);
        }

        var arn = $"arn:aws:states:{_options.Region}:{_options.AccountId}:stateMachine:{name}";
        var info = new StateMachineInfo(arn, name, definition, roleArn ?? $"arn:aws:iam::{_options.AccountId}:role/StepFunctions-{name}-role", _context.Time.GetUtcNow()) { Type = type };
        var text = AslJson.Write(definition, indented: false);
        // Stored before it is registered: a machine anyone was told about survives a restart.
        _machineStore.Save(new StateMachineRecord(arn, name, text, info.RoleArn, type.Value, info.CreationDate));
        _machines[arn] = new RegisteredMachine(info, prepared, text);
        return info;
    }

    /// <summary>The state machine with this ARN; throws StateMachineDoesNotExist.</summary>
    public StateMachineInfo DescribeStateMachine(string stateMachineArn) => Machine(stateMachineArn).Info;

    /// <summary>
    /// Starts an execution of a created state machine and returns with its record (status RUNNING) once its
    /// ExecutionStarted event is stored: as with AWS, its history is never empty after the start has been answered.
    /// </summary>
    public async Task<ExecutionRecord> StartExecutionAsync(string stateMachineArn, JsonValue? input = null, StartExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = await CreateRunAsync(stateMachineArn, input, options, cancellationToken).ConfigureAwait(false);
        var record = run.Record;
        _ = Task.Run(async () =>
        {
            await run.RunAsync().ConfigureAwait(false);
            _running.TryRemove(record.ExecutionArn, out _);
        }, CancellationToken.None);
        await run.Started.ConfigureAwait(false);
        // Acknowledged only once stored: a started execution survives a crash from here on.
        await _context.Store.EnsureStoredAsync(cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>
    /// Starts an execution of a created state machine and waits for its end, running it on the caller's thread until it
    /// has to wait (a Wait, a Task, a retry delay): with nothing to wait for, there is no thread hop at all. It can be
    /// stopped and described while it runs, like any other execution.
    /// </summary>
    public async Task<ExecutionRecord> ExecuteAsync(string stateMachineArn, JsonValue? input = null, StartExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = await CreateRunAsync(stateMachineArn, input, options, cancellationToken).ConfigureAwait(false);
        try
        {
            await run.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(run.ExecutionArn, out _);
        }

        return await run.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ExecutionRun> CreateRunAsync(string stateMachineArn, JsonValue? input, StartExecutionOptions? options, CancellationToken cancellationToken)
    {
        options ??= new StartExecutionOptions();
        input ??= JsonObject.Empty;
        var machine = Machine(stateMachineArn);
        var name = options.Name ?? NewName();
        Names.Check(name, "execution");
        if (PayloadLimit.Exceeds(input))
            throw new StepFunctionsException("InvalidExecutionInput", $"the input is over the {PayloadLimit.MaxBytes}-byte limit");
        var mocks = options.MockTestCase is { } testCase
            ? (_context.Mocks ?? throw new StepFunctionsException("ValidationException", $"the test case '{testCase}' was asked for, but the engine has no mock configuration"))
                .TestCase(machine.Info.Name, testCase)
            : null;
        var clock = options.Clock ?? _options.DefaultClock;
        var express = machine.Info.Type == StateMachineType.Express;
        // An EXPRESS execution's ARN has its own resource type and a run id after the name (arn:...:express:machine:name:id).
        var executionArn = express
            ? $"arn:aws:states:{_options.Region}:{_options.AccountId}:express:{machine.Info.Name}:{name}:{NewName()}"
            : $"arn:aws:states:{_options.Region}:{_options.AccountId}:execution:{machine.Info.Name}:{name}";
        var record = new ExecutionRecord(
            executionArn,
            machine.Info.StateMachineArn,
            name,
            machine.Text,
            ExecutionStatus.RUNNING,
            _context.Time.GetUtcNow(),
            input)
        {
            UsesVirtualClock = clock == ExecutionClock.Virtual,
            RandomSeed = options.RandomSeed ?? NextSeed(),
        };
        if (!express)
            Admit();
        try
        {
            try
            {
                await _context.Store.CreateExecutionAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                throw new StepFunctionsException("ExecutionAlreadyExists", $"Execution Already Exists: '{record.ExecutionArn}'");
            }

            var settings = new RunSettings(record.UsesVirtualClock, machine.Prepared.Definition.TimeoutSeconds, machine.Info.RoleArn, machine.Info.Name, _options.Region, _options.AccountId, mocks) { IsExpress = express };
            var run = new ExecutionRun(_context, machine.Prepared, record, settings);
            _running[record.ExecutionArn] = run;
            return run;
        }
        finally
        {
            if (!express)
                EndAdmission();
        }
    }

    /// <summary>Runs <paramref name="definition"/> once and waits for the end: create (as <paramref name="stateMachineName"/>), start, wait.</summary>
    public async Task<ExecutionRecord> ExecuteAsync(StateMachineDefinition definition, JsonValue? input = null, StartExecutionOptions? options = null, string stateMachineName = EngineDefaults.StateMachineName, CancellationToken cancellationToken = default)
    {
        var machine = CreateStateMachine(stateMachineName, definition);
        return await ExecuteAsync(machine.StateMachineArn, input, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the execution has ended and returns its final record.</summary>
    public async Task<ExecutionRecord> WaitForExecutionAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        if (_running.TryGetValue(executionArn, out var run))
            return await run.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await DescribeExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The execution's record; throws ExecutionDoesNotExist.</summary>
    public async Task<ExecutionRecord> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        await _context.Store.GetExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false)
        ?? throw new StepFunctionsException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{executionArn}'");

    /// <summary>The execution's events, oldest first; throws ExecutionDoesNotExist.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetExecutionHistoryAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        await DescribeExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false);
        return await _context.Store.ReadHistoryAsync(executionArn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The executions of a state machine (of all when null), newest first.</summary>
    public async Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn = null, CancellationToken cancellationToken = default) =>
        await _context.Store.ListExecutionsAsync(stateMachineArn, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Stops a running execution: it ends ABORTED with <paramref name="error"/> and <paramref name="cause"/>. A distributed
    /// Map's running child can be stopped on its own (<see cref="StopChildExecutionAsync"/>). An ended execution stays
    /// as it ended.
    /// </summary>
    public async Task StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken cancellationToken = default)
    {
        var record = await DescribeExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false);
        if (_running.TryGetValue(executionArn, out var run))
        {
            run.Abort(error, cause);
            await run.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (record.Status == ExecutionStatus.RUNNING)
        {
            await StopChildExecutionAsync(executionArn, error, cause, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes the waiting task with <paramref name="output"/>; throws TaskDoesNotExist for an unknown token, TaskTimedOut for one whose task no longer waits.</summary>
    public Task SendTaskSuccessAsync(string taskToken, JsonValue output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Complete(taskToken, IntegrationOutcome.Success(output));
    }

    /// <summary>Fails the waiting task with <paramref name="error"/> and <paramref name="cause"/>; throws TaskDoesNotExist for an unknown token, TaskTimedOut for one whose task no longer waits.</summary>
    public Task SendTaskFailureAsync(string taskToken, string? error = null, string? cause = null, CancellationToken cancellationToken = default) =>
        Complete(taskToken, IntegrationOutcome.Failure(error ?? ErrorNames.TaskFailed, cause));

    /// <summary>Tells the waiting task that work goes on, resetting its HeartbeatSeconds; throws TaskDoesNotExist for an unknown token, TaskTimedOut for one whose task no longer waits.</summary>
    public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) =>
        Answer(_context.Tokens.TryHeartbeat(taskToken));

    /// <summary>
    /// Stops every running execution and waits for them to end: with durable stores they stay RUNNING in the store
    /// (the next engine resumes them) and the stores are closed; otherwise they end ABORTED.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var run in _running.Values)
        {
            if (_isDurable)
                run.Suspend();
            else
                run.Abort("Engine.Disposed", "the engine was disposed");
        }

        foreach (var run in _running.Values)
        {
            try
            {
                await run.Completion.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Disposal must not fail because one execution's store write did.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        foreach (var store in _ownedStores)
        {
            if (store is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            else if (store is IDisposable disposable)
                disposable.Dispose();
        }
    }

    // Answered only once the task's result is durable: a crash after the answer cannot lose it. (Bounded, should the
    // task never get to record it: then it was accepted, and the caller is not kept waiting.)
    private async Task Complete(string taskToken, IntegrationOutcome outcome)
    {
        var answer = _context.Tokens.TryComplete(taskToken, outcome, out var recorded);
        await Answer(answer).ConfigureAwait(false);
        if (recorded is null)
            return;
        try
        {
            await recorded.WaitAsync(AnswerRecordingLimit, _context.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    private static readonly TimeSpan AnswerRecordingLimit = TimeSpan.FromSeconds(30);

    // AWS: a token whose task no longer waits (timed out, answered, execution ended) is TaskTimedOut; one never handed out is TaskDoesNotExist.
    private static Task Answer(TaskTokenAnswer answer) => answer switch
    {
        TaskTokenAnswer.Accepted => Task.CompletedTask,
        TaskTokenAnswer.Retired => Task.FromException(new StepFunctionsException(StepFunctionsErrorCodes.TaskTimedOut, "Task Timed Out: 'Provided task does not exist anymore'")),
        _ => Task.FromException(new StepFunctionsException(StepFunctionsErrorCodes.TaskDoesNotExist, "Task Does Not Exist: no task was ever given this token")),
    };

    private RegisteredMachine Machine(string stateMachineArn)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        return _machines.TryGetValue(stateMachineArn, out var machine)
            ? machine
            : throw new StepFunctionsException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{stateMachineArn}'");
    }

    private int NextSeed() => _names.Next();

    private string NewName()
    {
        Span<byte> bytes = stackalloc byte[16];
        _names.NextBytes(bytes);
        return TimeOrderedUuid.Format(_context.Time.GetUtcNow().ToUnixTimeMilliseconds(), bytes);
    }

    private sealed record RegisteredMachine(StateMachineInfo Info, PreparedStateMachine Prepared, string Text);
}
