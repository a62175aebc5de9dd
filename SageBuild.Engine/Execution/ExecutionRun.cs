using SageBuild.Engine.History;
using SageBuild.Engine.Preparation;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>
/// Everything that belongs to one execution while it runs: its identity, clock, random source, history journal and
/// stop signal. The prepared state machine it runs is shared and never changes.
/// </summary>
#pragma warning disable CA1001 // The stop source has no timer and nothing to free (see RunAsync's end): a run is used once.
internal sealed partial class ExecutionRun : IEventSink
#pragma warning restore CA1001
{
    /// <summary>AWS's hard limit on the events of one execution's history.</summary>
    public const int MaxHistoryEvents = 25_000;

    /// <summary>The cause of the States.Runtime failure of an execution (top-level or a distributed Map's child) that reaches it.</summary>
    public const string HistoryLimitCause = "The execution reached the maximum number of history events (25000).";

    private readonly Lock _journalLock = new();
    private readonly CancellationTokenSource _stop = new();
    private List<HistoryEvent> _pending = new(8);
    private List<HistoryEvent>? _spare;
    private Dictionary<string, int>? _mockInvocations;
    private LockedRandom? _random;
    private long _eventCount;
    private volatile StopKind _stopKind;
    private string? _stopError;
    private string? _stopCause;
    private Task? _unconfirmed;
    private DateTimeOffset? _timedOutAt;
    private JsonObject? _executionContext;
    private JsonObject? _stateMachineContext;

    public ExecutionRun(EngineContext engine, PreparedStateMachine machine, ExecutionRecord record, RunSettings settings)
    {
        Engine = engine;
        Machine = machine;
        Record = record;
        Settings = settings;
    }

    public EngineContext Engine { get; }

    public PreparedStateMachine Machine { get; }

    public ExecutionRecord Record { get; private set; }

    public RunSettings Settings { get; }

    public string ExecutionArn => Record.ExecutionArn;

    /// <summary>The execution's seeded random source, made when first used: most executions draw nothing.</summary>
    public Random Random
    {
        get
        {
            if (_random is { } random)
                return random;
            lock (_journalLock)
                return _random ??= new LockedRandom(Record.RandomSeed);
        }
    }

    public CancellationToken Cancellation => _stop.Token;

    public bool IsStopping => _stopKind != StopKind.None;

    /// <summary>Whether the engine is shutting down over a durable store: the run stops and records nothing more (<see cref="Suspend"/>).</summary>
    public bool IsSuspended => _stopKind == StopKind.Suspended;

    /// <summary>Completes when the execution has ended and its last event is stored.</summary>
    public Task<ExecutionRecord> Completion => _completion.Task;

    private readonly TaskCompletionSource<ExecutionRecord> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once ExecutionStarted is stored (or the run has ended without it), so StartExecution can answer as AWS does.</summary>
    public Task Started => _started.Task;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary><c>$$.Execution</c>, the same for every state.</summary>
    public JsonObject ExecutionContext => _executionContext ??= Settings.IsExpress
        ? JsonObject.Create(
            ("Id", Record.ExecutionArn),
            ("Input", Record.Input),
            ("StartTime", Timestamps.Format(Record.StartDate)),
            ("Name", Record.Name),
            ("RoleArn", Settings.RoleArn))
        : JsonObject.Create(
            ("Id", Record.ExecutionArn),
            ("Input", Record.Input),
            ("StartTime", Timestamps.Format(Record.StartDate)),
            ("Name", Record.Name),
            ("RoleArn", Settings.RoleArn),
            ("RedriveCount", 0));

    /// <summary><c>$$.StateMachine</c>.</summary>
    public JsonObject StateMachineContext => _stateMachineContext ??= JsonObject.Create(
        ("Id", Record.StateMachineArn),
        ("Name", Settings.StateMachineName));

    /// <summary>Now, for a frame whose virtual clock is <paramref name="virtualOffset"/> ahead of real time.</summary>
    public DateTimeOffset Now(TimeSpan virtualOffset) =>
        Settings.UsesVirtualClock ? Engine.Time.GetUtcNow() + virtualOffset : Engine.Time.GetUtcNow();

    /// <summary>Waits (real clock) or moves the frame's clock on (virtual clock), honouring the execution's timeout.</summary>
    public ValueTask DelayAsync(RunFrame frame, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
            return ValueTask.CompletedTask;
        if (!Settings.UsesVirtualClock)
            return new ValueTask(Task.Delay(delay, Engine.Time, frame.CancellationToken));
        var deadline = Settings.TimeoutSeconds is { } seconds ? Record.StartDate + TimeSpan.FromSeconds(seconds) : (DateTimeOffset?)null;
        if (deadline is { } d && frame.Now + delay > d)
        {
            frame.VirtualOffset += d - frame.Now;
            TimeOut(d);
            return ValueTask.CompletedTask;
        }

        frame.VirtualOffset += delay;
        return ValueTask.CompletedTask;
    }

    /// <summary>StopExecution: the execution ends ABORTED with this error and cause.</summary>
    public void Abort(string? error, string? cause)
    {
        if (SetStop(StopKind.Aborted))
        {
            _stopError = error;
            _stopCause = cause;
            _stop.Cancel();
        }
    }

    /// <summary>The top-level TimeoutSeconds has passed.</summary>
    public void TimeOut(DateTimeOffset? at = null)
    {
        if (SetStop(StopKind.TimedOut))
        {
            _timedOutAt = at;
            _stop.Cancel();
        }
    }

    /// <inheritdoc />
    public long Append(HistoryEventType type, long previousEventId, DateTimeOffset timestamp, HistoryEventDetails? details, FrameKey frame)
    {
        lock (_journalLock)
        {
            if (_stopKind == StopKind.Suspended)
                return ++_eventCount;
            var id = ++_eventCount;
            if (id > MaxHistoryEvents && _stopKind == StopKind.None)
            {
                // The event that crosses the limit is not recorded: the execution fails instead.
                _eventCount--;
                if (SetStop(StopKind.HistoryLimitExceeded))
                    _stop.Cancel();
                return id;
            }

            if (id > MaxHistoryEvents)
            {
                _eventCount--;
                return id;
            }

            _pending.Add(new HistoryEvent(id, previousEventId, timestamp, type, details) { Frame = frame });
            return id;
        }
    }

    /// <summary>
    /// Hands the events recorded since the last hand-over (one step's worth) to the store, with the record if it changed,
    /// and completes once they, and every step before them, are stored. Awaited before anything the outside world can
    /// see: a Task's call, a Wait, the execution's end.
    /// </summary>
    public ValueTask CommitAsync(ExecutionRecord? record = null)
    {
        var taken = HandOver(record);
        if (_stopKind == StopKind.Suspended)
            return ValueTask.CompletedTask;
        if (taken is null)
            return Engine.Store.EnsureStoredAsync(CancellationToken.None);
        return EnsureStoredAfterAsync(taken);
    }

    private async ValueTask EnsureStoredAfterAsync(Task taken)
    {
        await taken.ConfigureAwait(false);
        await Engine.Store.EnsureStoredAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the pending events to the store without waiting for them to be stored. Enough after a step that only
    /// computed (Pass, Choice, a state's exit): if the process dies before the store has them, a resumed run computes
    /// the same events again from the recorded ones, so nothing anyone was told is lost.
    /// </summary>
    public void Flush() => HandOver(null);

    // Calls the store inside the journal lock, so that appends reach it in event-id order even when a Parallel's
    // branches hand over at once. Returns the last append not yet known to be stored, or null when all are.
    private Task? HandOver(ExecutionRecord? record)
    {
        lock (_journalLock)
        {
            if (_stopKind == StopKind.Suspended)
            {
                _pending.Clear();
                return null;
            }

            if (_pending.Count == 0 && record is null)
                return Unconfirmed();
            var events = _pending;
            _pending = _spare ?? new List<HistoryEvent>(8);
            _spare = null;
            var appended = Engine.Store.AppendAsync(Record.ExecutionArn, events, record, CancellationToken.None);
            if (appended.IsCompletedSuccessfully)
            {
                // The store has copied (or written) the events: the list can take the next step's.
                events.Clear();
                _spare ??= events;
                return Unconfirmed();
            }

            _unconfirmed = AwaitThenRecycleAsync(appended, events);
            return _unconfirmed;
        }
    }

    private Task? Unconfirmed()
    {
        if (_unconfirmed is { IsCompletedSuccessfully: true })
            _unconfirmed = null;
        return _unconfirmed;
    }

    private async Task AwaitThenRecycleAsync(ValueTask appended, List<HistoryEvent> events)
    {
        await appended.ConfigureAwait(false);
        events.Clear();
        lock (_journalLock)
            _spare ??= events;
    }

    /// <summary>
    /// The engine is shutting down with a durable store: the run stops where it is and records nothing more (no
    /// ExecutionAborted), so that the next engine on the same store resumes it.
    /// </summary>
    public void Suspend()
    {
        if (SetStop(StopKind.Suspended))
            _stop.Cancel();
    }

    /// <summary>The 0-based number of this call of a mocked state in this execution.</summary>
    public int NextMockInvocation(string stateName)
    {
        lock (_journalLock)
        {
            _mockInvocations ??= new Dictionary<string, int>(StringComparer.Ordinal);
            _mockInvocations.TryGetValue(stateName, out var count);
            _mockInvocations[stateName] = count + 1;
            return count;
        }
    }

    private bool SetStop(StopKind kind)
    {
        lock (_journalLock)
        {
            if (_stopKind != StopKind.None)
                return false;
            _stopKind = kind;
            return true;
        }
    }
}
