using SageBuild.Engine.Api.Model;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Engine.Api.Service;

/// <summary>DescribeMapRun.</summary>
public sealed partial class EngineStepFunctionsService
{
    /// <inheritdoc />
    /// <remarks>
    /// The counts come from the children's records: a child stored RUNNING runs, one not stored yet is pending, and a
    /// child stopped by StopExecution or aborted by its failing Map Run is aborted. Items count as their children (a
    /// batch of items counts once). resultsWritten is not tracked: it is 0.
    /// </remarks>
    public async Task<DescribeMapRunOutput> DescribeMapRunAsync(DescribeMapRunInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        StepFunctionsArn.Parse(input.MapRunArn, StepFunctionsResourceType.MapRun);
        var info = await _engine.DescribeMapRunAsync(input.MapRunArn, cancellationToken).ConfigureAwait(false)
            ?? throw StepFunctionsErrors.ResourceNotFound(input.MapRunArn);
        long Count(EngineStatus status) => info.Children.Count(c => c.Status == status);
        var running = Count(EngineStatus.RUNNING);
        var succeeded = Count(EngineStatus.SUCCEEDED);
        var failed = Count(EngineStatus.FAILED);
        var timedOut = Count(EngineStatus.TIMED_OUT);
        var aborted = Count(EngineStatus.ABORTED);
        var pending = Math.Max(0, info.Total - info.Children.Count);
        return new DescribeMapRunOutput
        {
            MapRunArn = info.MapRunArn,
            ExecutionArn = info.ExecutionArn,
            Status = info.Status switch
            {
                EngineStatus.RUNNING => MapRunStatus.Running,
                EngineStatus.SUCCEEDED => MapRunStatus.Succeeded,
                EngineStatus.FAILED => MapRunStatus.Failed,
                _ => MapRunStatus.Aborted,
            },
            StartDate = info.StartDate,
            StopDate = info.StopDate,
            MaxConcurrency = info.Settings.MaxConcurrency,
            ToleratedFailureCount = info.Settings.ToleratedFailureCount,
            ToleratedFailurePercentage = (float)info.Settings.ToleratedFailurePercentage,
            ItemCounts = new MapRunItemCounts
            {
                Pending = pending, Running = running, Succeeded = succeeded, Failed = failed, TimedOut = timedOut, Aborted = aborted,
                Total = info.Total, ResultsWritten = 0,
            },
            ExecutionCounts = new MapRunExecutionCounts
            {
                Pending = pending, Running = running, Succeeded = succeeded, Failed = failed, TimedOut = timedOut, Aborted = aborted,
                Total = info.Total, ResultsWritten = 0,
            },
        };
    }
}
