using SageBuild.Engine.Api.Model;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Engine.Api.Service;

/// <summary>
/// DescribeMapRun's counts by status, added up child by child: once in children (executionCounts), once in items
/// (itemCounts). Whatever of the total is not stored yet is pending.
/// </summary>
internal sealed class MapRunCounts
{
    private long _running, _succeeded, _failed, _timedOut, _aborted, _resultsWritten;

    /// <summary>Counts a stored child as <paramref name="weight"/> (1, or its items) under its status.</summary>
    public void Add(EngineStatus status, long weight, bool resultsWritten)
    {
        switch (status)
        {
            case EngineStatus.RUNNING: _running += weight; break;
            case EngineStatus.SUCCEEDED: _succeeded += weight; break;
            case EngineStatus.FAILED: _failed += weight; break;
            case EngineStatus.TIMED_OUT: _timedOut += weight; break;
            case EngineStatus.ABORTED: _aborted += weight; break;
            default: return; // PENDING_REDRIVE: a child is never redriven on its own; it counts as pending
        }

        // The ResultWriter lists every ended child (SUCCEEDED or FAILED file).
        if (resultsWritten && status != EngineStatus.RUNNING)
            _resultsWritten += weight;
    }

    private long Stored => _running + _succeeded + _failed + _timedOut + _aborted;

    public MapRunItemCounts ToItemCounts(long total) => new()
    {
        Pending = Math.Max(0, total - Stored), Running = _running, Succeeded = _succeeded, Failed = _failed, TimedOut = _timedOut,
        Aborted = _aborted, Total = total, ResultsWritten = _resultsWritten,
    };

    public MapRunExecutionCounts ToExecutionCounts(long total) => new()
    {
        Pending = Math.Max(0, total - Stored), Running = _running, Succeeded = _succeeded, Failed = _failed, TimedOut = _timedOut,
        Aborted = _aborted, Total = total, ResultsWritten = _resultsWritten,
    };
}
