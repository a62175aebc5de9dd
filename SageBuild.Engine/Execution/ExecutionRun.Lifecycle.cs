using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

internal sealed partial class ExecutionRun
{
    /// <summary>Runs the execution to its end: ExecutionStarted, the top-level graph, then the terminal event.</summary>
    public async Task RunAsync()
    {
        try
        {
            var frame = new RunFrame(this, this, new VariableScope(null));
            frame.Attach(FrameKey.TopLevel);
            frame.Emit(HistoryEventType.ExecutionStarted, new ExecutionStartedEventDetails(Record.Input, Settings.RoleArn, Machine.DefinitionHash), updateSource: false);
            Flush();
            // StartExecution answers after this (and after the store's barrier): the history is never empty once answered.
            _started.TrySetResult();

            ITimer? timeout = null;
            if (!Settings.UsesVirtualClock && Settings.TimeoutSeconds is { } seconds)
            {
                // A resumed execution keeps the deadline it started with; a redriven one gets a new one from its redrive.
                var deadline = (RedriveDate ?? Record.StartDate) + TimeSpan.FromSeconds(seconds);
                var left = deadline - Engine.Time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                    TimeOut(deadline);
                else
                    timeout = Engine.Time.CreateTimer(_ => TimeOut(), null, left, Timeout.InfiniteTimeSpan);
            }

            StepResult result;
            try
            {
                result = await GraphRunner.RunAsync(Machine.Root, frame, Record.Input).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // An engine fault must end the execution visibly, not hang it.
            catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                result = IsStopping ? StepResult.Aborted() : StepResult.Failed(new Failure(ErrorNames.Runtime, $"internal engine error: {e.Message}"));
            }
            finally
            {
                if (timeout is not null)
                    await timeout.DisposeAsync().ConfigureAwait(false);
            }

            if (_stopKind == StopKind.Suspended)
            {
                // The engine is shutting down: the execution stays RUNNING in the store, to be resumed.
                _completion.TrySetResult(Record);
                return;
            }

            var record = Finish(frame, result);
            await CommitAsync(record).ConfigureAwait(false);
            Record = record;
            _completion.TrySetResult(record);
        }
#pragma warning disable CA1031 // The store failed: report it to whoever waits instead of losing it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _completion.TrySetException(e);
        }
        finally
        {
            _started.TrySetResult();
            // _stop is not disposed: the engine may still ask an ended run to stop (a dispose, a StopExecution racing its
            // end) until it leaves the running set, and a CancellationTokenSource without a timer holds nothing to free.
        }
    }

    private ExecutionRecord Finish(RunFrame frame, StepResult result)
    {
        var now = frame.Now;
        switch (_stopKind)
        {
            case StopKind.TimedOut:
                var at = _timedOutAt ?? now;
                AppendTerminal(HistoryEventType.ExecutionTimedOut, frame.Source, at, new ErrorEventDetails(ErrorNames.Timeout, "The execution has exceeded its TimeoutSeconds."));
                return Record with { Status = ExecutionStatus.TIMED_OUT, StopDate = at, Error = ErrorNames.Timeout, Cause = "The execution has exceeded its TimeoutSeconds." };
            case StopKind.Aborted:
                // A stop comes from outside the run: AWS links its event to no other (previousEventId 0).
                AppendTerminal(HistoryEventType.ExecutionAborted, 0, now, new ErrorEventDetails(_stopError, _stopCause));
                return Record with { Status = ExecutionStatus.ABORTED, StopDate = now, Error = _stopError, Cause = _stopCause };
            case StopKind.HistoryLimitExceeded:
                AppendTerminal(HistoryEventType.ExecutionFailed, frame.Source, now, new ErrorEventDetails(ErrorNames.Runtime, HistoryLimitCause));
                return Record with { Status = ExecutionStatus.FAILED, StopDate = now, Error = ErrorNames.Runtime, Cause = HistoryLimitCause };
        }

        if (result.Kind == StepKind.End && PayloadLimit.Exceeds(result.Output!))
            result = StepResult.Failed(new Failure(ErrorNames.DataLimitExceeded, "The execution's output exceeds the maximum number of bytes service limit."));
        if (result.Kind == StepKind.End)
        {
            AppendTerminal(HistoryEventType.ExecutionSucceeded, frame.Source, now, new OutputEventDetails(result.Output!));
            return Record with { Status = ExecutionStatus.SUCCEEDED, StopDate = now, Output = result.Output };
        }

        var failure = result.Failure ?? new Failure(ErrorNames.Runtime, "the execution ended without a result");
        AppendTerminal(HistoryEventType.ExecutionFailed, frame.Source, now, new ErrorEventDetails(failure.Error, failure.Cause));
        return Record with { Status = ExecutionStatus.FAILED, StopDate = now, Error = failure.Error, Cause = failure.Cause };
    }

    private void AppendTerminal(HistoryEventType type, long previous, DateTimeOffset at, HistoryEventDetails details)
    {
        lock (_journalLock)
            _pending.Add(new HistoryEvent(++_eventCount, previous, at, type, details));
    }
}
