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
    public bool Holds(string executionArn)
    {
        if (!executionArn.StartsWith(Names.ExecutionArnPrefix, StringComparison.Ordinal))
            return false;
        var name = executionArn.AsSpan(Names.ExecutionArnPrefix.Length);
        for (var i = 0; i < Count; i++)
        {
            if (name.SequenceEqual(Names.NameOf(i)))
                return true;
        }

        return false;
    }
}
