using SageBuild.Engine.Execution;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Api;

public sealed partial class WorkflowEngine
{
    /// <summary>How long after its end AWS lets an execution be redriven.</summary>
    public static readonly TimeSpan RedriveWindow = TimeSpan.FromDays(14);

    /// <summary>AWS's maximum execution time (its "maximum open time"): an execution started longer ago cannot be redriven.</summary>
    public static readonly TimeSpan MaxExecutionTime = TimeSpan.FromDays(365);

    /// <summary>
    /// AWS redrives an execution only while its history has fewer events than this (24,999): a redriven run needs room
    /// under the 25,000-event limit for its ExecutionRedriven event and at least one more.
    /// </summary>
    public const int RedrivableHistoryEvents = ExecutionRun.MaxHistoryEvents - 1;

    // The event count of ended executions' histories, for DescribeExecution's redriveStatus: read once per end (the
    // stop date tells one end from the next, after a redrive), since an ended execution's history does not grow.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset StopDate, int Count)> _endedHistoryCounts = new(StringComparer.Ordinal);

    /// <summary>Where retired task tokens and redrive clientTokens are remembered (<see cref="EngineBuilder.UseDurableTokenStore"/>).</summary>
    internal ITokenStore TokenStore => _context.Tokens.Store;

    // The executions being redriven right now: a second redrive of one of them is refused, not run twice.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _redriving = new(StringComparer.Ordinal);

    // How often each execution was redriven and when last, derived from its ExecutionRedriven events once and kept up to
    // date by RedriveExecutionAsync (the only writer of those events), so that DescribeExecution reads no history.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RedriveInfo> _redrives = new(StringComparer.Ordinal);

    /// <summary>How often the execution was redriven and when last (count 0, date null: never), from its ExecutionRedriven events.</summary>
    public async ValueTask<RedriveInfo> GetRedriveInfoAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        if (_redrives.TryGetValue(executionArn, out var known))
            return known;
        var history = await _context.Store.ReadHistoryAsync(executionArn, cancellationToken).ConfigureAwait(false);
        var info = RedriveInfo.Never;
        foreach (var e in history)
        {
            if (e.Type == HistoryEventType.ExecutionRedriven)
                info = new RedriveInfo(info.Count + 1, e.Timestamp);
        }

        return _redrives.GetOrAdd(executionArn, info);
    }

    /// <summary>
    /// Why the execution cannot be redriven now, in AWS's words (DescribeExecution's redriveStatusReason), or null when
    /// it can: only a STANDARD execution that ended FAILED, ABORTED or TIMED_OUT less than 14 days ago, started less than
    /// a year ago, and whose history has fewer than 24,999 events (<paramref name="historyEventCount"/>) can.
    /// </summary>
    public static string? RedriveRefusal(ExecutionRecord record, int historyEventCount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ExecutionArn.Contains(":express:", StringComparison.Ordinal))
            return "Express executions cannot be redriven.";
        if (IsChildExecution(record.ExecutionArn))
            return "Child executions of a Distributed Map are redriven by redriving their parent execution.";
        // In the order of AWS's list of reasons (API reference, DescribeExecution redriveStatusReason).
        return record.Status switch
        {
            ExecutionStatus.RUNNING or ExecutionStatus.SUCCEEDED => $"Execution is {record.Status} and cannot be redriven.",
            _ when historyEventCount >= RedrivableHistoryEvents => "Execution history event limit exceeded.",
            _ when now - record.StartDate > MaxExecutionTime => "Execution has exceeded the max execution time.",
            _ when record.StopDate is { } stop && now - stop > RedriveWindow => "Execution redrivable period exceeded.",
            _ => null,
        };
    }

    /// <summary>
    /// <see cref="RedriveRefusal(ExecutionRecord, int, DateTimeOffset)"/> now, by the engine's clock, with the length of
    /// the execution's history (read only for an execution that ended unsuccessfully, once per end).
    /// </summary>
    public async ValueTask<string?> RedriveRefusalAsync(ExecutionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var count = 0;
        if (record.StopDate is { } stop && record.Status is ExecutionStatus.FAILED or ExecutionStatus.ABORTED or ExecutionStatus.TIMED_OUT)
        {
            if (_endedHistoryCounts.TryGetValue(record.ExecutionArn, out var known) && known.StopDate == stop)
            {
                count = known.Count;
            }
            else
            {
                count = (await _context.Store.ReadHistoryAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false)).Count;
                _endedHistoryCounts[record.ExecutionArn] = (stop, count);
            }
        }

        return RedriveRefusal(record, count, _context.Time.GetUtcNow());
    }

    /// <summary>
    /// Redrives an execution that ended unsuccessfully (see <see cref="RedriveRefusal"/>; otherwise
    /// ExecutionNotRedrivable): appends ExecutionRedriven, makes it RUNNING again and runs it on its pinned definition
    /// from its unsuccessful state(s). What succeeded before (states, Parallel branches, Map iterations) replays from the
    /// history and is not run again. Returns the RUNNING record and the redrive's date (the ExecutionRedriven event's time).
    /// </summary>
    public Task<(ExecutionRecord Record, DateTimeOffset RedriveDate)> RedriveExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        RedriveExecutionAsync(executionArn, clientToken: null, cancellationToken);

    /// <summary>
    /// As <see cref="RedriveExecutionAsync(string, CancellationToken)"/>, idempotent for <paramref name="clientToken"/>
    /// (RedriveExecution's clientToken): a token that already redrove the execution (one of its last 10, within 15
    /// minutes of its first use, as AWS) gets that redrive's record and date instead of a second redrive.
    /// </summary>
    /// <remarks>
    /// The token is remembered (<see cref="ITokenStore.RememberRedrive"/>, durable with a durable token store) before the
    /// redrive is stored, and a remembered token counts only if the history holds its redrive. So a crash after the
    /// redrive is stored cannot forget the token (a retry gets the first answer), and a crash between the two writes
    /// leaves a token whose redrive never happened (a retry redrives, once).
    /// </remarks>
    public async Task<(ExecutionRecord Record, DateTimeOffset RedriveDate)> RedriveExecutionAsync(string executionArn, string? clientToken, CancellationToken cancellationToken = default)
    {
        if (!_redriving.TryAdd(executionArn, 0))
            throw new StepFunctionsException("ExecutionNotRedrivable", $"Execution {executionArn} cannot be redriven: it is being redriven");
        try
        {
            var now = _context.Time.GetUtcNow();
            if (clientToken is not null && TokenStore.FindRedrive(executionArn, clientToken, now) is { } first
                && await WasRedrivenAtAsync(executionArn, first, cancellationToken).ConfigureAwait(false))
            {
                return (await DescribeExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false), first);
            }

            var ended = await DescribeExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false);
            var history = await _context.Store.ReadHistoryAsync(executionArn, cancellationToken).ConfigureAwait(false);
            var reason = RedriveRefusal(ended, history.Count, now) ?? (_running.ContainsKey(executionArn) ? "Execution is RUNNING and cannot be redriven." : null);
            if (reason is not null)
            {
                throw new StepFunctionsException("ExecutionNotRedrivable",
                    $"Execution {executionArn} cannot be redriven. {reason}");
            }

            // Before the redrive is stored (see the remarks): the redrive's date is its event's time, known already.
            if (clientToken is not null)
                TokenStore.RememberRedrive(executionArn, clientToken, now, now);
            var lastId = history.Count == 0 ? 0 : history[^1].Id;
            // A stop comes from outside the run, and so does a redrive: its event follows no other (previousEventId 0).
            var redriven = new HistoryEvent(lastId + 1, 0, now, HistoryEventType.ExecutionRedriven, null);
            var record = ended with { Status = ExecutionStatus.RUNNING, StopDate = null, Output = null, Error = null, Cause = null };
            await _context.Store.AppendAsync(executionArn, [redriven], record, cancellationToken).ConfigureAwait(false);
            await _context.Store.EnsureStoredAsync(cancellationToken).ConfigureAwait(false);

            // Counted in the history read before the new event was appended: a count read after it (a cold cache, as
            // after a restart) would hold the new redrive already, and count it twice.
            _redrives[executionArn] = new RedriveInfo(history.Count(e => e.Type == HistoryEventType.ExecutionRedriven) + 1, now);
            var run = CreateResumedRun(record);
            _running[executionArn] = run;
            _ = Task.Run(async () =>
            {
                await run.ResumeAsync([.. history, redriven]).ConfigureAwait(false);
                _running.TryRemove(executionArn, out _);
            }, CancellationToken.None);
            await run.Started.ConfigureAwait(false);
            return (record, now);
        }
        finally
        {
            _redriving.TryRemove(executionArn, out _);
        }
    }

    // Whether the execution's history holds a redrive at that date: a remembered clientToken whose redrive was never
    // stored (a crash between the two writes) names none. The last redrive (kept in memory) nearly always answers.
    private async ValueTask<bool> WasRedrivenAtAsync(string executionArn, DateTimeOffset redriveDate, CancellationToken cancellationToken)
    {
        if ((await GetRedriveInfoAsync(executionArn, cancellationToken).ConfigureAwait(false)).LastDate == redriveDate)
            return true;
        var history = await _context.Store.ReadHistoryAsync(executionArn, cancellationToken).ConfigureAwait(false);
        return history.Any(e => e.Type == HistoryEventType.ExecutionRedriven && e.Timestamp == redriveDate);
    }
}
