using SageBuild.Engine.History;

namespace SageBuild.Engine.Execution;

internal sealed partial class ExecutionRun
{
    private Dictionary<FrameKey, Queue<HistoryEvent>>? _recorded;
    private long[]? _redriveEventIds;

    /// <summary>
    /// Runs an execution that a previous engine left RUNNING in a durable store. Its recorded events are replayed
    /// first: every thread (top level, Parallel branch, Map iteration) runs its states again, but takes each event
    /// from the history instead of recording it, and takes recorded task results instead of calling the task. When a
    /// thread's recorded events are used up it goes on live, from where the last engine stopped. Replay is
    /// deterministic because everything a step depends on is recorded: inputs, task results, times and the random seed.
    /// </summary>
    public Task ResumeAsync(IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count > 0)
        {
            // After a redrive each thread replays up to its unsuccessful state only (RecordedThreads).
            _recorded = RecordedThreads.Group(history, out var redriveDate);
            RedriveDate = redriveDate;
            _redriveEventIds = [.. history.Where(e => e.Type == HistoryEventType.ExecutionRedriven).Select(e => e.Id)];
            foreach (var e in history)
            {
                if (e.Id > _eventCount)
                    _eventCount = e.Id;
            }
        }

        return RunAsync();
    }

    /// <summary>When the execution was last redriven (null when never): its TimeoutSeconds counts from then.</summary>
    public DateTimeOffset? RedriveDate { get; private set; }

    /// <summary>
    /// How many times the execution had been redriven when the step ran whose next event is <paramref name="nextRecorded"/>
    /// (a replayed step), or now (null: a live step). Deterministic across a resume, so that what depends on it (a
    /// redriven task's new token) is drawn again the same.
    /// </summary>
    public int RedrivesBefore(HistoryEvent? nextRecorded)
    {
        if (_redriveEventIds is null)
            return 0;
        if (nextRecorded is null)
            return _redriveEventIds.Length;
        var count = 0;
        foreach (var id in _redriveEventIds)
        {
            if (id < nextRecorded.Id)
                count++;
        }

        return count;
    }

    /// <summary>Whether this run resumes an execution from its recorded history.</summary>
    public bool IsResumed => _recorded is not null;

    /// <summary>The recorded events of one thread, handed out once (null when the thread recorded none or the run is new).</summary>
    public Queue<HistoryEvent>? TakeRecorded(FrameKey key)
    {
        if (_recorded is null)
            return null;
        lock (_journalLock)
            return _recorded.Remove(key, out var events) ? events : null;
    }
}
