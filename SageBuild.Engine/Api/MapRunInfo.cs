using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Api;

/// <summary>A distributed Map's Map Run, as DescribeMapRun shows it.</summary>
/// <param name="MapRunArn">The Map Run's ARN.</param>
/// <param name="ExecutionArn">The execution that runs it (a child execution for a Map Run nested in one).</param>
/// <param name="Status">RUNNING, SUCCEEDED, FAILED or ABORTED (as <see cref="ExecutionStatus"/>).</param>
/// <param name="StartDate">When it started (its MapRunStarted event).</param>
/// <param name="StopDate">When it ended, once it has.</param>
/// <param name="Settings">Its settings (for a Map Run that ended, the definition's literal values; 0 for a value taken from a path).</param>
/// <param name="Total">The number of its children (items, or batches).</param>
/// <param name="Children">The children stored so far (running or ended); the others are pending.</param>
public sealed record MapRunInfo(
    string MapRunArn,
    string ExecutionArn,
    ExecutionStatus Status,
    DateTimeOffset StartDate,
    DateTimeOffset? StopDate,
    MapRunSettings Settings,
    int Total,
    IReadOnlyList<ExecutionRecord> Children);
