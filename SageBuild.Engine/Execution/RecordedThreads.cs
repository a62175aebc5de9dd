using SageBuild.Engine.History;

namespace SageBuild.Engine.Execution;

/// <summary>
/// Splits a recorded history into the events each thread (top level, Parallel branch, Map iteration) replays when the
/// execution runs again. Without a redrive that is every event of the thread. Before each ExecutionRedriven event the
/// threads are cut at their unsuccessful state, so a redriven run replays what succeeded and runs the rest again live.
/// </summary>
internal static class RecordedThreads
{
    /// <summary>The events each thread replays, and the time of the last redrive (null when never redriven).</summary>
    public static Dictionary<FrameKey, Queue<HistoryEvent>> Group(IReadOnlyList<HistoryEvent> history, out DateTimeOffset? lastRedrive)
    {
        lastRedrive = null;
        var threads = new Dictionary<FrameKey, List<HistoryEvent>>();
        foreach (var e in history)
        {
            if (e.Type == HistoryEventType.ExecutionRedriven)
            {
                foreach (var events in threads.Values)
                    CutAtUnsuccessfulState(events);
                lastRedrive = e.Timestamp;
                continue;
            }

            if (!threads.TryGetValue(e.Frame, out var list))
                threads[e.Frame] = list = [];
            list.Add(e);
        }

        var result = new Dictionary<FrameKey, Queue<HistoryEvent>>();
        foreach (var (key, events) in threads)
        {
            if (events.Count > 0)
                result[key] = new Queue<HistoryEvent>(events);
        }

        return result;
    }

    /// <summary>
    /// Drops what the thread did from its unsuccessful state on: the last state it entered but never left. A Parallel
    /// or Map keeps its Entered and Started events, so its branches and iterations (keyed by the Started event) find
    /// their own records and only the unsuccessful ones run again. The execution's own end, and a Map iteration's
    /// failure or abort, go too.
    /// </summary>
    public static void CutAtUnsuccessfulState(List<HistoryEvent> events)
    {
        for (var i = events.Count - 1; i >= 0; i--)
        {
            var type = events[i].Type;
            if (IsStateExit(type))
                break;
            if (!IsStateEntry(type))
                continue;
            var cut = i;
            if (type is HistoryEventType.ParallelStateEntered or HistoryEventType.MapStateEntered)
            {
                var started = type == HistoryEventType.ParallelStateEntered ? HistoryEventType.ParallelStateStarted : HistoryEventType.MapStateStarted;
                var last = events.FindLastIndex(e => e.Type == started);
                if (last > i)
                    cut = last + 1;
            }

            events.RemoveRange(cut, events.Count - cut);
            return;
        }

        while (events.Count > 0 && IsUnsuccessfulEnd(events[^1].Type))
            events.RemoveAt(events.Count - 1);
    }

    private static bool IsStateEntry(HistoryEventType type) => type is HistoryEventType.TaskStateEntered or HistoryEventType.PassStateEntered
        or HistoryEventType.ChoiceStateEntered or HistoryEventType.WaitStateEntered or HistoryEventType.ParallelStateEntered
        or HistoryEventType.MapStateEntered or HistoryEventType.SucceedStateEntered or HistoryEventType.FailStateEntered;

    private static bool IsStateExit(HistoryEventType type) => type is HistoryEventType.TaskStateExited or HistoryEventType.PassStateExited
        or HistoryEventType.ChoiceStateExited or HistoryEventType.WaitStateExited or HistoryEventType.ParallelStateExited
        or HistoryEventType.MapStateExited or HistoryEventType.SucceedStateExited;

    private static bool IsUnsuccessfulEnd(HistoryEventType type) => type is HistoryEventType.ExecutionFailed or HistoryEventType.ExecutionAborted
        or HistoryEventType.ExecutionTimedOut or HistoryEventType.MapIterationFailed or HistoryEventType.MapIterationAborted;
}
