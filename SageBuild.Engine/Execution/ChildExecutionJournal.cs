using SageBuild.Engine.History;
using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Execution;

/// <summary>
/// The history of one child execution of a distributed Map, stored as it goes like a top-level execution's: its record
/// (RUNNING) when it starts, its events at each barrier (before a Task's call, a Wait) and at its end. AWS keeps a
/// child's history apart from the parent's (so it does not count against the parent's 25,000 events): its events are
/// numbered from 1.
/// </summary>
/// <remarks>
/// Unlike a top-level execution, a child does not hand its events over after each step, only at a barrier and at its
/// end: a child of Pass states is then one creation and one append, which the store packs into one row. Events lost in
/// a crash before a barrier were computed only, and a resumed child computes them again (as a top-level run does).
/// Its history has the top-level quota of its own (<see cref="ExecutionRun.MaxHistoryEvents"/>), as each child workflow
/// execution has in AWS: the event that would cross it is not recorded, and the child stops and fails as a top-level
/// execution does (<see cref="HistoryLimitExceeded"/>). The check is the event counter the journal keeps anyway.
/// </remarks>
internal sealed class ChildExecutionJournal : IEventSink
{
    private readonly Lock _lock = new();
    private readonly ExecutionRun _run;
    // The child, for its ARN and its stop signal (no copy of its ARN: a journal is made per child).
    private readonly ChildExecution _child;
    private List<HistoryEvent> _pending = new(8);
    private Dictionary<FrameKey, Queue<HistoryEvent>>? _recorded;
    private Task? _unconfirmed;
    private long _eventCount;
    private bool _isStored = true;
    private bool _ending;
    private bool _crossed;
    private volatile bool _historyLimitExceeded;

    public ChildExecutionJournal(ExecutionRun run, ChildExecution child)
    {
        _run = run;
        _child = child;
    }

    /// <summary>
    /// Whether the child's history reached <see cref="ExecutionRun.MaxHistoryEvents"/> while it ran (and nothing else
    /// was stopping it): it is being stopped, and must end FAILED as a top-level execution would.
    /// </summary>
    public bool HistoryLimitExceeded => _historyLimitExceeded;

    /// <summary>The child is ending: its terminal event is recorded even beyond the limit, as a top-level execution's is.</summary>
    public void Ending()
    {
        lock (_lock)
            _ending = true;
    }

    /// <summary>Records the new child as RUNNING; when its name is taken meanwhile, the first stays and this run is not stored.</summary>
    public async ValueTask CreateAsync(ExecutionRecord running)
    {
        try
        {
            await _run.Engine.Store.CreateExecutionAsync(running, CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Stored meanwhile under the same name: the first stays.
            DoNotStore();
        }
    }

    /// <summary>
    /// The child was stored RUNNING by an engine that stopped: its recorded events (none when the engine stopped before
    /// its first barrier) replay first, then it goes on live, its new events following the recorded ones.
    /// </summary>
    public void Resume(IReadOnlyList<HistoryEvent> history)
    {
        if (history.Count == 0)
            return;
        // A child is never redriven on its own: every recorded event of each thread replays.
        _recorded = RecordedThreads.Group(history, out _);
        _eventCount = history[^1].Id;
    }

    /// <summary>
    /// The run records nothing of the child: an earlier run of it is stored as ended (ABORTED by a stopping Map Run), and
    /// a history is never written twice.
    /// </summary>
    public void DoNotStore()
    {
        lock (_lock)
        {
            _isStored = false;
            _pending.Clear();
        }
    }

    /// <summary>The recorded events of one of the child's threads, handed out once (null when none or the child is new).</summary>
    public Queue<HistoryEvent>? TakeRecorded(FrameKey key)
    {
        if (_recorded is null)
            return null;
        lock (_lock)
            return _recorded.Remove(key, out var events) ? events : null;
    }

    /// <inheritdoc />
    public long Append(HistoryEventType type, long previousEventId, DateTimeOffset timestamp, HistoryEventDetails? details, FrameKey frame)
    {
        long id;
        // A child's own Parallel branches append from several threads.
        lock (_lock)
        {
            id = ++_eventCount;
            if (id <= ExecutionRun.MaxHistoryEvents || _ending)
            {
                // Shutting down over a durable store: nothing more is recorded (the next engine resumes the child).
                if (_isStored && !_run.IsSuspended)
                    _pending.Add(new HistoryEvent(id, previousEventId, timestamp, type, details) { Frame = frame });
                return id;
            }

            // As for a top-level execution: the event that would cross the limit is not recorded (nor any after it).
            _eventCount--;
            if (_crossed)
                return id;
            _crossed = true;
        }

        // The first to cross it stops the child, unless something else already does (its Map Run's abort, a StopExecution).
        // Outside the lock: setting the signal wakes the child's waits.
        if (!_child.IsAborting)
        {
            _historyLimitExceeded = true;
            _child.Signal.Set();
        }

        return id;
    }

    /// <summary>Hands the pending events (and the record, when it changed) to the store without waiting for them to be stored.</summary>
    public void Flush(ExecutionRecord? record = null) => HandOver(record);

    /// <summary>Hands the pending events to the store and completes once they, and every earlier write, are stored.</summary>
    public ValueTask CommitAsync()
    {
        var taken = HandOver(null);
        if (!_isStored || _run.IsSuspended)
            return ValueTask.CompletedTask;
        return taken is null ? _run.Engine.Store.EnsureStoredAsync(CancellationToken.None) : EnsureStoredAfterAsync(taken);
    }

    private async ValueTask EnsureStoredAfterAsync(Task taken)
    {
        await taken.ConfigureAwait(false);
        await _run.Engine.Store.EnsureStoredAsync(CancellationToken.None).ConfigureAwait(false);
    }

    // Calls the store inside the lock, so that appends reach it in event-id order even when branches hand over at once.
    // Returns the last append not yet known to be taken, or null when all are.
    private Task? HandOver(ExecutionRecord? record)
    {
        lock (_lock)
        {
            if (!_isStored || _run.IsSuspended)
            {
                _pending.Clear();
                return null;
            }

            if (_unconfirmed is { IsCompletedSuccessfully: true })
                _unconfirmed = null;
            if (_pending.Count == 0 && record is null)
                return _unconfirmed;
            var events = _pending;
            var appended = _run.Engine.Store.AppendAsync(_child.ExecutionArn, events, record, CancellationToken.None);
            if (appended.IsCompletedSuccessfully)
            {
                // The store has copied the events: the list takes the next ones.
                events.Clear();
                return _unconfirmed;
            }

            _pending = new List<HistoryEvent>(8);
            _unconfirmed = appended.AsTask();
            return _unconfirmed;
        }
    }
}
