namespace SageBuild.Engine.History;

/// <summary>
/// One event of an execution's history, as GetExecutionHistory returns it. The history is the truth about an
/// execution: its status, output and (for issue 5's durable store) the point to resume from are folds of these events.
/// </summary>
/// <param name="Id">The event's id, 1, 2, 3, ... in the order the events were recorded.</param>
/// <param name="PreviousEventId">The id of the event this one follows from in its branch of the run (0 for none), as AWS assigns it.</param>
/// <param name="Timestamp">When the event happened (virtual time for a run on the virtual clock).</param>
/// <param name="Type">The event's type.</param>
/// <param name="Details">The type's details, or null for types without any (such as MapStateSucceeded).</param>
public sealed record HistoryEvent(long Id, long PreviousEventId, DateTimeOffset Timestamp, HistoryEventType Type, HistoryEventDetails? Details)
{
    /// <summary>The thread of the run that recorded the event (a durable store keeps it so that a resumed run can replay each thread).</summary>
    internal FrameKey Frame { get; init; }
}
