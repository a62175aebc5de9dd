using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Api;

/// <summary>A distributed Map's Map Run, as DescribeMapRun shows it.</summary>
/// <param name="MapRunArn">The Map Run's ARN.</param>
/// <param name="ExecutionArn">The execution that runs it (a child execution for a Map Run nested in one).</param>
/// <param name="Status">RUNNING, SUCCEEDED, FAILED or ABORTED (as <see cref="ExecutionStatus"/>).</param>
/// <param name="StartDate">When it started (its MapRunStarted event).</param>
/// <param name="StopDate">When it ended, once it has.</param>
/// <param name="Settings">
/// Its settings as evaluated when it started (recorded in its MapRunStarted event); for a Map Run recorded before they
/// were, once it has ended, the definition's literal values (0 for a value taken from a path).
/// </param>
/// <param name="Total">The number of its children (items, or batches).</param>
/// <param name="ItemCount">The number of its items (before ItemBatcher; <paramref name="Total"/> for a Map Run recorded before it was).</param>
/// <param name="WroteResults">Whether its ResultWriter wrote the children's results (it has one, and the Map Run succeeded).</param>
/// <param name="Children">The children stored so far (running or ended); the others are pending.</param>
public sealed record MapRunInfo(
    string MapRunArn,
    string ExecutionArn,
    ExecutionStatus Status,
    DateTimeOffset StartDate,
    DateTimeOffset? StopDate,
    MapRunSettings Settings,
    int Total,
    int ItemCount,
    bool WroteResults,
    IReadOnlyList<ExecutionRecord> Children)
{
    /// <summary>
    /// The items child <paramref name="child"/> processes: one, or with ItemBatcher, its batch's (the <c>Items</c> of its
    /// input, which the batcher made).
    /// </summary>
    public int ItemsOf(ExecutionRecord child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (ItemCount == Total)
            return 1;
        return child.Input is JsonObject input && input.TryGetValue("Items", out var items) && items is JsonArray batch ? batch.Count : 1;
    }
}
