using SageBuild.Engine.History;

namespace SageBuild.Engine.Execution;

/// <summary>
/// The history of one child execution of a distributed Map. AWS keeps these apart from the parent's history (so they do
/// not count against its 25,000-event limit): the events are numbered from 1 here and stored as the child's own
/// execution when it ends.
/// </summary>
internal sealed class ChildExecutionSink : IEventSink
{
    private readonly Lock _lock = new();
    private readonly List<HistoryEvent> _events = new(8);

    public IReadOnlyList<HistoryEvent> Events => _events;

    /// <inheritdoc />
    public long Append(HistoryEventType type, long previousEventId, DateTimeOffset timestamp, HistoryEventDetails? details, FrameKey frame)
    {
        // A child's own Parallel branches append from several threads.
        lock (_lock)
        {
            var id = _events.Count + 1L;
            _events.Add(new HistoryEvent(id, previousEventId, timestamp, type, details));
            return id;
        }
    }
}
