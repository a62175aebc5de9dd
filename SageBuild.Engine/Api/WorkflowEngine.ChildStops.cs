using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Api;

public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Stops a distributed Map's running child on its own, as AWS lets a user: it ends ABORTED (ExecutionAborted with
    /// <paramref name="error"/> and <paramref name="cause"/>), and its Map Run counts it as an unsuccessful item
    /// (ToleratedFailure*), as it counts a failed one. Completes once the child's end is handed to the store. A child
    /// that ended meanwhile stays as it ended; one whose Map Run does not run in this engine is left alone.
    /// </summary>
    /// <remarks>
    /// The child is found through its running Map Run (<see cref="Execution.MapRunRegistry"/>, one entry per Map Run):
    /// nothing is registered per child. The stop is durable with the child's ABORTED end: a resumed Map Run does not run
    /// the child again, while a redriven parent (a new Map Run) does.
    /// </remarks>
    private async Task StopChildExecutionAsync(string executionArn, string? error, string? cause, CancellationToken cancellationToken)
    {
        if (_context.MapRuns.FindChild(executionArn) is not var (mapRun, index))
            return;
        var ended = mapRun.Stop(index, error, cause);
        // A child that ended before the stop was asked (its end handed to the store first) is not stopped.
        if ((await _context.Store.GetExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false))?.Status != ExecutionStatus.RUNNING
            && !ended.IsCompleted)
        {
            mapRun.Withdraw(index);
            return;
        }

        await ended.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
