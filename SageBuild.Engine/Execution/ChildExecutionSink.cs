using SageBuild.Engine.History;

namespace SageBuild.Engine.Execution;

/// <summary>
/// The history of one child execution of a distributed Map. AWS keeps these apart from the parent's history (so they do
/// not count against its 25,000-event limit); locally they are numbered and counted, but not stored.
/// </summary>
internal sealed class ChildExecutionSink : IEventSink
{
    private long _count;

    public long Count => _count;

    public long Append(HistoryEventType type, long previousEventId, DateTimeOffset timestamp, HistoryEventDetails? details) => ++_count;
}
