using SageBuild.Engine.Execution;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Api;

public sealed partial class WorkflowEngine
{
    /// <summary>
    /// The child executions of a distributed Map's Map Run (ListExecutions with a mapRunArn), newest first: the ones
    /// running (stored RUNNING from their start) and the ones that ended. Null when no Map Run has that ARN.
    /// </summary>
    /// <remarks>
    /// A child's record names no Map Run; its name does: it derives from (the parent execution, the id of its
    /// MapRunStarted event, the item's index) (<see cref="ChildExecutionNames"/>). The Map Run's ARN names the parent
    /// (<c>arn:aws:states:region:account:mapRun:machine/label:execution-id</c>), whose history gives the event and
    /// the number of items (the MapStateStarted it follows). A Map Run of a distributed Map nested inside a child
    /// execution is recorded in that child's history, not found here.
    /// </remarks>
    public async Task<IReadOnlyList<ExecutionRecord>?> ListMapRunExecutionsAsync(string mapRunArn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapRunArn);
        if (!StepFunctionsArn.TryParse(mapRunArn, out var arn) || arn is not { ResourceType: StepFunctionsResourceType.MapRun })
            return null;
        var parts = arn.Resource.Split(':');
        var slash = parts[0].IndexOf('/', StringComparison.Ordinal);
        var dash = parts.Length == 2 ? parts[1].LastIndexOf('-') : -1;
        if (slash < 0 || dash < 0)
            return null;
        var machine = parts[0][..slash];
        var parentArn = StepFunctionsArn.ForExecution(arn.Region, arn.Account, machine, parts[1][..dash], arn.Partition).ToString();
        var history = await _context.Store.ReadHistoryAsync(parentArn, cancellationToken).ConfigureAwait(false);
        var started = history.FirstOrDefault(e => e.Details is MapRunStartedEventDetails details && details.MapRunArn == mapRunArn);
        if (started is null)
            return null;
        // MapRunStarted follows its attempt's MapStateStarted, which counts the children (items, or batches).
        var count = history.FirstOrDefault(e => e.Id == started.PreviousEventId)?.Details is MapStateStartedEventDetails map ? map.Length : 0;
        var names = new ChildExecutionNames(arn.Region, arn.Account, machine, parts[0][(slash + 1)..], parentArn, started.Id);
        var ofThisRun = new HashSet<string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
            ofThisRun.Add(names.NameOf(i));
        var records = await _context.Store.ListExecutionsAsync(names.StateMachineArn, cancellationToken).ConfigureAwait(false);
        return [.. records.Where(r => ofThisRun.Contains(r.Name))];
    }
}
