using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Api.Service;

/// <summary>RedriveExecution, and the redrive fields of DescribeExecution and ListExecutions.</summary>
public sealed partial class EngineStepFunctionsService
{
    /// <inheritdoc />
    /// <remarks>
    /// The engine runs the execution again from its unsuccessful state(s) (<see cref="WorkflowEngine.RedriveExecutionAsync"/>);
    /// refusals are ExecutionNotRedrivable with AWS's reason. As AWS, a repeated clientToken (one of the last 10 that
    /// redrove the execution, within 15 minutes of its first use) gets the first answer; the engine's token store
    /// remembers them, across a restart when it is durable. A crash between the redrive and the store's write of its
    /// clientToken forgets the token: a repeat is then refused (the execution is RUNNING) or, once it has ended
    /// unsuccessfully again, redrives it again.
    /// </remarks>
    public async Task<RedriveExecutionOutput> RedriveExecutionAsync(RedriveExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await FindExecutionAsync(input.ExecutionArn, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var tokens = _engine.TokenStore;
        if (input.ClientToken is { } token && tokens.FindRedrive(record.ExecutionArn, token, now) is { } first)
            return new RedriveExecutionOutput { RedriveDate = first };

        var (_, redriveDate) = await _engine.RedriveExecutionAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false);
        if (input.ClientToken is { } used)
            tokens.RememberRedrive(record.ExecutionArn, used, now, redriveDate);
        return new RedriveExecutionOutput { RedriveDate = redriveDate };
    }

    /// <summary>DescribeExecution's redriveStatus and its reason (null when REDRIVABLE).</summary>
    private async ValueTask<(ExecutionRedriveStatus Status, string? Reason)> RedriveStatusOfAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        var reason = await _engine.RedriveRefusalAsync(record, cancellationToken).ConfigureAwait(false);
        return reason is null ? (ExecutionRedriveStatus.Redrivable, null) : (ExecutionRedriveStatus.NotRedrivable, reason);
    }
}
