using SageBuild.Engine.Api.Model;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Engine.Api.Service;

/// <summary>DescribeMapRun.</summary>
public sealed partial class EngineStepFunctionsService
{
    /// <inheritdoc />
    /// <remarks>
    /// The counts come from the children's records: a child stored RUNNING runs, one not stored yet is pending, and a
    /// child stopped by StopExecution or aborted by its failing Map Run is aborted. executionCounts counts children,
    /// itemCounts their items (a batch of ItemBatcher counts as its items). resultsWritten counts the children (items)
    /// whose results the ResultWriter wrote: every ended child once the Map Run has succeeded with one, else 0.
    /// </remarks>
    public async Task<DescribeMapRunOutput> DescribeMapRunAsync(DescribeMapRunInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        StepFunctionsArn.Parse(input.MapRunArn, StepFunctionsResourceType.MapRun);
        var info = await _engine.DescribeMapRunAsync(input.MapRunArn, cancellationToken).ConfigureAwait(false)
            ?? throw StepFunctionsErrors.ResourceNotFound(input.MapRunArn);
        var executions = new MapRunCounts();
        var items = new MapRunCounts();
        foreach (var child in info.Children)
        {
            executions.Add(child.Status, 1, info.WroteResults);
            items.Add(child.Status, info.ItemsOf(child), info.WroteResults);
        }

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
            ItemCounts = items.ToItemCounts(info.ItemCount),
            ExecutionCounts = executions.ToExecutionCounts(info.Total),
        };
    }
}
