using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Api.Service;

/// <summary>RedriveExecution, and the redrive fields of DescribeExecution and ListExecutions.</summary>
public sealed partial class EngineStepFunctionsService
{
    /// <inheritdoc />
    /// <remarks>
    /// The engine runs the execution again from its unsuccessful state(s) (<see cref="WorkflowEngine.RedriveExecutionAsync(string, string, CancellationToken)"/>);
    /// refusals are ExecutionNotRedrivable with AWS's reason. As AWS, a repeated clientToken (one of the last 10 that
    /// redrove the execution, within 15 minutes of its first use) gets the first answer; the engine's token store
    /// remembers them, across a restart when it is durable. The token is remembered before the redrive is stored and
    /// counts only once its redrive is in the history, so no crash makes a retried request redrive twice.
    /// </remarks>
    public async Task<RedriveExecutionOutput> RedriveExecutionAsync(RedriveExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await FindExecutionAsync(input.ExecutionArn, cancellationToken).ConfigureAwait(false);
        var (_, redriveDate) = await _engine.RedriveExecutionAsync(record.ExecutionArn, input.ClientToken, cancellationToken).ConfigureAwait(false);
        return new RedriveExecutionOutput { RedriveDate = redriveDate };
    }

    /// <summary>DescribeExecution's redriveStatus and its reason (null when REDRIVABLE).</summary>
    private async ValueTask<(ExecutionRedriveStatus Status, string? Reason)> RedriveStatusOfAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        var reason = await _engine.RedriveRefusalAsync(record, cancellationToken).ConfigureAwait(false);
        return reason is null ? (ExecutionRedriveStatus.Redrivable, null) : (ExecutionRedriveStatus.NotRedrivable, reason);
    }
}
