using Microsoft.Extensions.Logging;
using SageBuild.Engine.Api.Model;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace SageBuild.Engine.Api.Dashboard;

/// <summary>
/// Changes to executions found by asking the service, in-process, what it has: the executions of every state machine (the
/// newest page), and for each running one its latest event id. Anything new, ended or further along is a change. It
/// polls only while someone subscribes, so an idle server does no work.
/// </summary>
/// <remarks>
/// This serves any <see cref="IStepFunctionsService"/>, including one that forwards to AWS. An engine that can say
/// itself when an execution changes should be passed as <see cref="DashboardOptions.Changes"/> instead: no delay, no polling.
/// </remarks>
internal sealed partial class ExecutionWatcher(IStepFunctionsService service, TimeSpan interval, TimeProvider time, ILogger logger) : IObservable<ExecutionChange>
{
    /// <summary>How many of each state machine's newest executions are watched.</summary>
    private const int WatchedPerStateMachine = 100;

    private readonly Lock _gate = new();
    private readonly List<IObserver<ExecutionChange>> _observers = [];
    private CancellationTokenSource? _polling;

    /// <summary>Whether the watcher is polling (someone is subscribed).</summary>
    public bool IsPolling
    {
        get
        {
            lock (_gate)
                return _polling is not null;
        }
    }

    public IDisposable Subscribe(IObserver<ExecutionChange> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers.Add(observer);
            if (_polling is null)
            {
                var polling = new CancellationTokenSource();
                _polling = polling;
                _ = Task.Run(() => PollAsync(polling), CancellationToken.None);
            }
        }

        return new Subscription(this, observer);
    }

    private void Unsubscribe(IObserver<ExecutionChange> observer)
    {
        lock (_gate)
        {
            if (!_observers.Remove(observer) || _observers.Count > 0 || _polling is null)
                return;
            // The loop owns the source and disposes it when it sees the cancellation.
            _polling.Cancel();
            _polling = null;
        }
    }

    private async Task PollAsync(CancellationTokenSource polling)
    {
        var cancellationToken = polling.Token;
        Dictionary<string, Seen>? before = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var now = await ReadAsync(cancellationToken);
                    if (before is not null)
                    {
                        foreach (var change in Differences(before, now))
                            Publish(change);
                    }

                    before = now;
                }
                catch (StepFunctionsException e)
                {
                    // A service that refuses now may answer next time; keep the last picture and try again.
                    LogPollFailed(logger, e.Code, e.Message);
                }

                await Task.Delay(interval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A bug in a service must not take the server down with an unobserved task; it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogWatcherStopped(logger, e);
        }
        finally
        {
            lock (_gate)
            {
                // After a failure, the next subscriber starts a fresh loop.
                if (_polling == polling)
                    _polling = null;
            }

            polling.Dispose();
        }
    }

    /// <summary>One look at the service: every watched execution, its status and, while it runs, its latest event id.</summary>
    internal async Task<Dictionary<string, Seen>> ReadAsync(CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, Seen>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var machines = await service.ListStateMachinesAsync(new ListStateMachinesInput { NextToken = token, MaxResults = 1000 }, cancellationToken);
            foreach (var machine in machines.StateMachines)
            {
                var executions = await service.ListExecutionsAsync(
                    new ListExecutionsInput { StateMachineArn = machine.StateMachineArn, MaxResults = WatchedPerStateMachine }, cancellationToken);
                foreach (var execution in executions.Executions)
                {
                    var lastEvent = 0L;
                    if (execution.Status == ExecutionStatus.Running)
                    {
                        var latest = await service.GetExecutionHistoryAsync(
                            new GetExecutionHistoryInput { ExecutionArn = execution.ExecutionArn, ReverseOrder = true, MaxResults = 1, IncludeExecutionData = false },
                            cancellationToken);
                        lastEvent = latest.Events.Count > 0 ? latest.Events[0].Id : 0;
                    }

                    seen[execution.ExecutionArn] = new Seen(execution.StateMachineArn, execution.Status.Value, lastEvent);
                }
            }

            token = machines.NextToken;
        }
        while (token is not null);
        return seen;
    }

    /// <summary>What changed between two looks: executions that are new, or whose status or latest event moved.</summary>
    internal static IEnumerable<ExecutionChange> Differences(Dictionary<string, Seen> before, Dictionary<string, Seen> now)
    {
        foreach (var (arn, seen) in now)
        {
            if (!before.TryGetValue(arn, out var previous) || previous != seen)
                yield return new ExecutionChange(arn, seen.StateMachineArn);
        }
    }

    private void Publish(ExecutionChange change)
    {
        IObserver<ExecutionChange>[] observers;
        lock (_gate)
            observers = [.. _observers];
        foreach (var observer in observers)
            observer.OnNext(change);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard could not read executions ({Code}: {Message}); it will try again")]
    private static partial void LogPollFailed(ILogger logger, string code, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "The dashboard stopped watching executions; open pages fall back to polling")]
    private static partial void LogWatcherStopped(ILogger logger, Exception exception);

    internal sealed record Seen(string StateMachineArn, string Status, long LastEventId);

    private sealed class Subscription(ExecutionWatcher watcher, IObserver<ExecutionChange> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                watcher.Unsubscribe(observer);
        }
    }
}
