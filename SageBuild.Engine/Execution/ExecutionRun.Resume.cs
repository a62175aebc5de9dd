using SageBuild.Engine.History;

namespace SageBuild.Engine.Execution;

internal sealed partial class ExecutionRun
{
    private Dictionary<FrameKey, Queue<HistoryEvent>>? _recorded;

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
