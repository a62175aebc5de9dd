using System.Collections.Concurrent;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Api.Service;

/// <summary>RedriveExecution, and the redrive fields of DescribeExecution and ListExecutions.</summary>
public sealed partial class EngineStepFunctionsService
{
    // AWS answers a repeated redrive idempotently for the last 10 client tokens that redrove the execution, each for 15
    // minutes after its first use. Kept in memory: after a restart a repeated token redrives anew (if still redrivable).
    private const int RememberedClientTokens = 10;
    private static readonly TimeSpan ClientTokenLifetime = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, List<(string Token, DateTimeOffset UsedAt, DateTimeOffset RedriveDate)>> _redriveTokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>
    /// The engine runs the execution again from its unsuccessful state(s) (<see cref="WorkflowEngine.RedriveExecutionAsync"/>);
    /// refusals are ExecutionNotRedrivable with AWS's reason.
    /// </remarks>
    public async Task<RedriveExecutionOutput> RedriveExecutionAsync(RedriveExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await FindExecutionAsync(input.ExecutionArn, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var tokens = _redriveTokens.GetOrAdd(record.ExecutionArn, _ => []);
        if (input.ClientToken is { } token)
        {
            lock (tokens)
            {
                var known = tokens.FindLast(t => t.Token == token && now - t.UsedAt <= ClientTokenLifetime);
                if (known.Token is not null)
                    return new RedriveExecutionOutput { RedriveDate = known.RedriveDate };
            }
        }

        var (_, redriveDate) = await _engine.RedriveExecutionAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false);
        if (input.ClientToken is { } used)
        {
            lock (tokens)
            {
                tokens.Add((used, now, redriveDate));
                if (tokens.Count > RememberedClientTokens)
                    tokens.RemoveAt(0);
            }
        }

        return new RedriveExecutionOutput { RedriveDate = redriveDate };
    }

    /// <summary>DescribeExecution's redriveStatus and its reason (null when REDRIVABLE).</summary>
    private (ExecutionRedriveStatus Status, string? Reason) RedriveStatusOf(ExecutionRecord record)
    {
        var reason = WorkflowEngine.RedriveRefusal(record, _time.GetUtcNow());
        return reason is null ? (ExecutionRedriveStatus.Redrivable, null) : (ExecutionRedriveStatus.NotRedrivable, reason);
    }
}
