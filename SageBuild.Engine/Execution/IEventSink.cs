using SageBuild.Engine.History;

namespace SageBuild.Engine.Execution;

/// <summary>Where a frame's events go: the execution's history, or (for a distributed Map's children) their own count.</summary>
internal interface IEventSink
{
    /// <summary>Records an event and returns its id.</summary>
    long Append(HistoryEventType type, long previousEventId, DateTimeOffset timestamp, HistoryEventDetails? details, FrameKey frame);
}
