namespace SageBuild.Engine.Execution;

/// <summary>
/// Where a distributed Map Run is recorded: the execution whose history holds its MapRunStarted (a top-level
/// execution, or a child execution for a Map Run nested in one), that event's id, and its children's number and names.
/// </summary>
internal sealed record MapRunLocation(string MapRunArn, string ExecutionArn, long StartedEventId, int Count, ChildExecutionNames Names)
{
    public static MapRunLocation Of(MapRunChildren running) =>
        new(running.MapRunArn, running.ExecutionArn, running.MapRunStartedEventId, running.Count, running.Names);

    /// <summary>Whether the child <paramref name="executionArn"/> is one of this Map Run's.</summary>
    public bool Holds(string executionArn) =>
        executionArn.StartsWith(Names.ExecutionArnPrefix, StringComparison.Ordinal) && IsChildNamed(executionArn.AsSpan(Names.ExecutionArnPrefix.Length));

    /// <summary>Whether <paramref name="name"/> is the name of one of this Map Run's children.</summary>
    public bool IsChildNamed(ReadOnlySpan<char> name) => Names.IndexOf(name) is >= 0 and var index && index < Count;
}
