using SageBuild.Engine.History;

namespace SageBuild.Engine.Execution;

/// <summary>
/// The children of one running distributed Map Run, as the API finds them: StopExecution on one child, and a Map Run's
/// ARN (ListExecutions, a child's DescribeExecution) while it runs, nested inside a child execution or not.
/// </summary>
/// <remarks>
/// Nothing here is per child on the hot path: a child's index is read from its name
/// (<see cref="ChildExecutionNames.IndexOf"/>), a stop is kept only once one is asked for, and a child makes a stop
/// signal of its own only when one of its frames needs a cancellation token (a Wait, a Task, a nested Parallel or Map). A child
/// of Pass states reads one volatile flag per step (<see cref="HasStops"/>) and registers nothing.
/// </remarks>
internal sealed class MapRunChildren
{
    private readonly Lock _lock = new();
    private Dictionary<int, ChildStopRequest>? _stops;
    private Dictionary<int, ChildExecution>? _signalled;
    private volatile bool _hasStops;
    private bool _ended;

    public MapRunChildren(ExecutionRun run, AbortSignal abort, string mapRunArn, string executionArn, long mapRunStartedEventId, ChildExecutionNames names, int count, MapRunFacts facts)
    {
        Abort = abort;
        Cancellation = run.Cancellation;
        RoleArn = run.Settings.RoleArn;
        Definition = run.Record.Definition;
        Facts = facts;
        MapRunArn = mapRunArn;
        ExecutionArn = executionArn;
        MapRunStartedEventId = mapRunStartedEventId;
        Names = names;
        Count = count;
    }

    public string MapRunArn { get; }

    /// <summary>The Map Run's signal: set when the Map fails or the parent stops, which aborts every running child.</summary>
    public AbortSignal Abort { get; }

    /// <summary>The stop of the top-level execution the Map Run belongs to.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The role every child runs with.</summary>
    public string RoleArn { get; }

    /// <summary>The definition every child runs (its parent's).</summary>
    public string Definition { get; }

    /// <summary>The execution that runs the Map Run: a top-level execution, or a child execution for a nested one.</summary>
    public string ExecutionArn { get; }

    public long MapRunStartedEventId { get; }

    public ChildExecutionNames Names { get; }

    /// <summary>The Map Run's settings as they were evaluated when it started, and its item count (DescribeMapRun).</summary>
    public MapRunFacts Facts { get; }

    /// <summary>The number of children (items, or batches).</summary>
    public int Count { get; }

    /// <summary>Whether any child of this Map Run was asked to stop: false for nearly every Map Run, read once per step.</summary>
    public bool HasStops => _hasStops;

    /// <summary>The index of the child named <paramref name="executionArn"/>, or -1 when it is none of this Map Run's.</summary>
    public int IndexOf(string executionArn) =>
        executionArn.StartsWith(Names.ExecutionArnPrefix, StringComparison.Ordinal)
        && Names.IndexOf(executionArn.AsSpan(Names.ExecutionArnPrefix.Length)) is >= 0 and var index && index < Count
            ? index
            : -1;

    /// <summary>
    /// Asks child <paramref name="index"/> to stop (it ends ABORTED with <paramref name="error"/> and <paramref name="cause"/>
    /// at its next step, or at once from a wait). Completes when the child has ended and its end is handed to the store,
    /// or when the Map Run ends without running it.
    /// </summary>
    public Task Stop(int index, string? error, string? cause)
    {
        ChildExecution? signalled = null;
        ChildStopRequest request;
        lock (_lock)
        {
            if (_ended)
                return Task.CompletedTask;
            _stops ??= [];
            if (!_stops.TryGetValue(index, out var existing))
            {
                existing = new ChildStopRequest(error, cause);
                _stops[index] = existing;
            }

            request = existing;
            _hasStops = true;
            _signalled?.TryGetValue(index, out signalled);
        }

        signalled?.Signal.Set();
        return request.Ended;
    }

    /// <summary>Forgets a stop whose child had ended before it was asked (it stays as it ended).</summary>
    public void Withdraw(int index)
    {
        lock (_lock)
            _stops?.Remove(index);
    }

    /// <summary>The stop asked for child <paramref name="index"/>, or null.</summary>
    public ChildStopRequest? StopOf(int index)
    {
        if (!_hasStops)
            return null;
        lock (_lock)
            return _stops!.GetValueOrDefault(index);
    }

    /// <summary>
    /// The child's own stop signal, made when one of its frames first needs it: set at once when the child was already
    /// asked to stop, and set by <see cref="Stop"/> later.
    /// </summary>
    public AbortSignal SignalOf(ChildExecution child)
    {
        AbortSignal signal;
        bool stopped;
        lock (_lock)
        {
            if (child.MadeSignal is { } made)
                return made;
            signal = new AbortSignal(Abort, Cancellation);
            child.MadeSignal = signal;
            _signalled ??= [];
            _signalled[child.Index] = child;
            stopped = _stops?.ContainsKey(child.Index) == true;
        }

        if (stopped)
            signal.Set();
        return signal;
    }

    /// <summary>The child has ended and its end is handed to the store: whoever stopped it hears so.</summary>
    public void Ended(ChildExecution child)
    {
        if (child.MadeSignal is null && !_hasStops)
            return;
        ChildStopRequest? stop = null;
        lock (_lock)
        {
            _signalled?.Remove(child.Index);
            _stops?.TryGetValue(child.Index, out stop);
        }

        child.MadeSignal?.Dispose();
        stop?.Complete();
    }

    /// <summary>The Map Run has ended: a stop asked for a child that never ran is answered.</summary>
    public void End()
    {
        ChildStopRequest[] pending;
        lock (_lock)
        {
            _ended = true;
            pending = _stops is null ? [] : [.. _stops.Values];
        }

        foreach (var stop in pending)
            stop.Complete();
    }
}
