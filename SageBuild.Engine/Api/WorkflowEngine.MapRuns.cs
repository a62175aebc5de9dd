using System.Collections.Concurrent;
using SageBuild.Engine.Execution;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.Engine.Api;

public sealed partial class WorkflowEngine
{
    // Map Runs nested inside child executions, once found by a search (one entry per such Map Run, never per child).
    private readonly ConcurrentDictionary<string, MapRunLocation> _nestedMapRuns = new(StringComparer.Ordinal);

    /// <summary>
    /// The child executions of a distributed Map's Map Run (ListExecutions with a mapRunArn), newest first: the ones
    /// running (stored RUNNING from their start) and the ones that ended. Null when no Map Run has that ARN.
    /// </summary>
    /// <remarks>
    /// A child's record names no Map Run; its name does: it derives from (the execution that runs the Map, the id of
    /// its MapRunStarted event, the item's index) (<see cref="ChildExecutionNames"/>). The Map Run is found by
    /// <see cref="FindMapRunAsync"/>.
    /// </remarks>
    public async Task<IReadOnlyList<ExecutionRecord>?> ListMapRunExecutionsAsync(string mapRunArn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapRunArn);
        if (await FindMapRunAsync(mapRunArn, cancellationToken).ConfigureAwait(false) is not { } location)
            return null;
        return await ChildrenOfAsync(location, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The Map Run <paramref name="mapRunArn"/> (DescribeMapRun): its status and dates from the history that records it,
    /// its settings, and its children. Null when no Map Run has that ARN.
    /// </summary>
    public async Task<MapRunInfo?> DescribeMapRunAsync(string mapRunArn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapRunArn);
        if (await FindMapRunAsync(mapRunArn, cancellationToken).ConfigureAwait(false) is not { } location)
            return null;
        var running = _context.MapRuns.Find(mapRunArn);
        var history = await _context.Store.ReadHistoryAsync(location.ExecutionArn, cancellationToken).ConfigureAwait(false);
        var holder = await _context.Store.GetExecutionAsync(location.ExecutionArn, cancellationToken).ConfigureAwait(false);
        var started = history.First(e => e.Id == location.StartedEventId);
        // The Map Run's end is the first MapRunSucceeded/Failed its thread records after it; none when it still runs, or
        // when its execution stopped (or the Map Run was aborted with it).
        var end = history.FirstOrDefault(e => e.Id > started.Id && e.Frame == started.Frame
            && e.Type is HistoryEventType.MapRunSucceeded or HistoryEventType.MapRunFailed or HistoryEventType.MapRunAborted);
        var (status, stop) = end switch
        {
            { Type: HistoryEventType.MapRunSucceeded } => (ExecutionStatus.SUCCEEDED, (DateTimeOffset?)end.Timestamp),
            { Type: HistoryEventType.MapRunFailed } => (ExecutionStatus.FAILED, end.Timestamp),
            { Type: HistoryEventType.MapRunAborted } => (ExecutionStatus.ABORTED, end.Timestamp),
            _ when running is not null || holder is null || holder.Status == ExecutionStatus.RUNNING => (ExecutionStatus.RUNNING, null),
            _ => (ExecutionStatus.ABORTED, holder.StopDate),
        };
        var facts = running?.Facts ?? (started.Details as MapRunStartedEventDetails)?.Facts;
        var settings = facts?.Settings ?? DefinedSettings(holder?.Definition, history, started);
        var children = await ChildrenOfAsync(location, cancellationToken).ConfigureAwait(false);
        // A ResultWriter writes the children's results when the Map Run succeeds; MapRunSucceeded follows the write.
        var wroteResults = facts is { WritesResults: true } && status == ExecutionStatus.SUCCEEDED;
        return new MapRunInfo(mapRunArn, location.ExecutionArn, status, started.Timestamp, stop, settings, location.Count,
            facts?.ItemCount ?? location.Count, wroteResults, children);
    }

    // A Map Run recorded before its evaluated settings were (a history without MapRunFacts): the definition's literal
    // values (0 for a path's).
    private static MapRunSettings DefinedSettings(string? definition, IReadOnlyList<HistoryEvent> history, HistoryEvent started)
    {
        var entered = history.LastOrDefault(e => e.Id < started.Id && e.Frame == started.Frame && e.Type == HistoryEventType.MapStateEntered);
        if (definition is null || entered?.Details is not StateEnteredEventDetails { Name: var name })
            return new MapRunSettings(0, 0, 0);
        var map = DefinitionWalker.States(AslJson.Parse(definition)).FirstOrDefault(s => s.Name == name)?.State as MapState;
        return new MapRunSettings(
            (int)(map?.MaxConcurrency?.Number ?? 0),
            (long)(map?.ToleratedFailureCount?.Number ?? 0),
            map?.ToleratedFailurePercentage?.Number ?? 0);
    }

    /// <summary>
    /// The ARN of the Map Run that the distributed Map child <paramref name="record"/> belongs to (DescribeExecution's
    /// mapRunArn), or null for an execution that is no such child.
    /// </summary>
    /// <remarks>
    /// A child's state machine is <c>machine/label</c> (a name of a top-level machine has no '/'). While its Map Run runs
    /// it is found there; otherwise among the Map Runs recorded by the executions of <c>machine</c> that ran when the
    /// child started (and, for a child of a nested Map Run, in their children's histories).
    /// </remarks>
    public async Task<string?> FindMapRunArnOfAsync(ExecutionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.StateMachineArn.Contains('/', StringComparison.Ordinal) || !StepFunctionsArn.TryParse(record.StateMachineArn, out var machineArn) || machineArn is null)
            return null;
        var slash = machineArn.Resource.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return null;
        if (_context.MapRuns.FindChild(record.ExecutionArn) is var (running, _))
            return running.MapRunArn;
        var machine = StepFunctionsArn.ForStateMachine(machineArn.Region, machineArn.Account, machineArn.Resource[..slash], machineArn.Partition).ToString();
        foreach (var parent in await _context.Store.ListExecutionsAsync(machine, cancellationToken).ConfigureAwait(false))
        {
            if (parent.StartDate > record.StartDate || parent.StopDate < record.StartDate)
                continue;
            var found = await SearchMapRunsAsync(parent.ExecutionArn, l => l.Holds(record.ExecutionArn), cancellationToken).ConfigureAwait(false);
            if (found is not null)
                return found.MapRunArn;
        }

        return null;
    }

    /// <summary>
    /// Where the Map Run <paramref name="mapRunArn"/> is recorded, or null when none has that ARN: a running one is in
    /// the engine's registry; otherwise its ARN names the top-level execution it runs under
    /// (<c>arn:aws:states:region:account:mapRun:machine/label:execution-id</c>), whose history holds it, or, for a Map
    /// Run nested inside a child execution, the history of one of that execution's descendants.
    /// </summary>
    private async Task<MapRunLocation?> FindMapRunAsync(string mapRunArn, CancellationToken cancellationToken)
    {
        if (_context.MapRuns.Find(mapRunArn) is { } running)
            return MapRunLocation.Of(running);
        if (_nestedMapRuns.TryGetValue(mapRunArn, out var known))
            return known;
        if (!StepFunctionsArn.TryParse(mapRunArn, out var arn) || arn is not { ResourceType: StepFunctionsResourceType.MapRun })
            return null;
        var parts = arn.Resource.Split(':');
        var slash = parts[0].IndexOf('/', StringComparison.Ordinal);
        var dash = parts.Length == 2 ? parts[1].LastIndexOf('-') : -1;
        if (slash < 0 || dash < 0)
            return null;
        var parentArn = StepFunctionsArn.ForExecution(arn.Region, arn.Account, parts[0][..slash], parts[1][..dash], arn.Partition).ToString();
        var found = await SearchMapRunsAsync(parentArn, l => l.MapRunArn == mapRunArn, cancellationToken).ConfigureAwait(false);
        if (found is not null && found.ExecutionArn != parentArn)
            _nestedMapRuns[mapRunArn] = found;
        return found;
    }

    /// <summary>
    /// The first Map Run recorded under the top-level execution <paramref name="executionArn"/> that
    /// <paramref name="match"/> accepts: its own Map Runs first, then, level by level, those of its children's histories.
    /// </summary>
    private async Task<MapRunLocation?> SearchMapRunsAsync(string executionArn, Func<MapRunLocation, bool> match, CancellationToken cancellationToken)
    {
        var level = new List<string> { executionArn };
        while (level.Count > 0)
        {
            var recorded = new List<MapRunLocation>();
            foreach (var arn in level)
            {
                var history = await _context.Store.ReadHistoryAsync(arn, cancellationToken).ConfigureAwait(false);
                foreach (var location in MapRunsIn(arn, history))
                {
                    if (match(location))
                        return location;
                    recorded.Add(location);
                }
            }

            // Not at this level: the Map Runs nested one level deeper are in the histories of these Map Runs' children.
            level = [];
            foreach (var location in recorded)
                level.AddRange((await ChildrenOfAsync(location, cancellationToken).ConfigureAwait(false)).Select(r => r.ExecutionArn));
        }

        return null;
    }

    /// <summary>The Map Runs an execution's history records (each MapRunStarted follows its attempt's MapStateStarted, which counts the children).</summary>
    private static IEnumerable<MapRunLocation> MapRunsIn(string executionArn, IReadOnlyList<HistoryEvent> history)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Details is not MapRunStartedEventDetails started || !StepFunctionsArn.TryParse(started.MapRunArn, out var arn) || arn is null)
                continue;
            var previous = history[i].PreviousEventId;
            var count = 0;
            for (var j = i - 1; j >= 0; j--)
            {
                if (history[j].Id == previous)
                {
                    count = history[j].Details is MapStateStartedEventDetails map ? map.Length : 0;
                    break;
                }
            }

            var label = arn.Resource.Split(':')[0];
            var slash = label.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
                continue;
            var names = new ChildExecutionNames(arn.Region, arn.Account, label[..slash], label[(slash + 1)..], executionArn, history[i].Id);
            yield return new MapRunLocation(started.MapRunArn, executionArn, history[i].Id, count, names);
        }
    }

    private async Task<IReadOnlyList<ExecutionRecord>> ChildrenOfAsync(MapRunLocation location, CancellationToken cancellationToken)
    {
        var records = await _context.Store.ListExecutionsAsync(location.Names.StateMachineArn, cancellationToken).ConfigureAwait(false);
        return [.. records.Where(r => location.IsChildNamed(r.Name))];
    }
}
