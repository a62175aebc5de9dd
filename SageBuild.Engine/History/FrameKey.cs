namespace SageBuild.Engine.History;

/// <summary>
/// Which thread of an execution recorded an event: the top level is (0, 0); a Parallel branch or Map iteration is
/// (the id of the ParallelStateStarted/MapStateStarted event that started it, its branch or item index). Event ids
/// are unique in a history, so the key names one thread without the path above it, and a resumed run that replays
/// its recorded events gets the same keys again. Internal: GetExecutionHistory never shows it.
/// </summary>
internal readonly record struct FrameKey(long StartEventId, int Index)
{
    /// <summary>The execution's top level.</summary>
    public static FrameKey TopLevel => default;

    /// <summary>
    /// No thread of the run: a StopExecution on a distributed Map's child, which records the child's ExecutionAborted.
    /// A resumed Map Run tells such a child (ended on its own, not run again) by it from one its Map Run aborted.
    /// </summary>
    public static FrameKey StopRequest => new(0, -1);
}
