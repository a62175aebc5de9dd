using SageBuild.Engine.Stores;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

internal sealed partial class MapNode
{
    private async ValueTask<(StepResult Outcome, JsonValue[]? Outputs, ExecutionRecord?[]? Children)> RunIterationsAsync(
        RunFrame frame, long startedEventId, string? mapRunArn, long mapRunStartedEventId, MapRunFacts? facts, JsonValue[] inputs, int maxConcurrency, int toleratedCount, double toleratedPercentage)
    {
        var executionArn = frame.Child?.ExecutionArn ?? frame.Run.ExecutionArn;
        using var abort = new AbortSignal(frame.Abort, frame.Run.Cancellation);
        var shared = new MapRun(frame.Source, inputs.Length, toleratedCount, toleratedPercentage)
        {
            StartedEventId = startedEventId,
            ChildExecutions = mapRunArn is null || facts is null
                ? null
                : new MapRunChildren(frame.Run, abort, mapRunArn, executionArn, mapRunStartedEventId,
                    new ChildExecutionNames(frame.Run.Settings, _label ?? Name, executionArn, mapRunStartedEventId), inputs.Length, facts),
            Children = _writer is null ? null : new ExecutionRecord?[inputs.Length],
        };
        if (shared.ChildExecutions is not { } children)
            return await RunWorkersAsync(frame, shared, abort, inputs, maxConcurrency).ConfigureAwait(false);
        // Registered while it runs (once per Map Run): StopExecution finds a running child through it.
        var registry = frame.Run.Engine.MapRuns;
        registry.Add(children);
        try
        {
            return await RunWorkersAsync(frame, shared, abort, inputs, maxConcurrency).ConfigureAwait(false);
        }
        finally
        {
            registry.Remove(children);
            children.End();
        }
    }

    private async ValueTask<(StepResult Outcome, JsonValue[]? Outputs, ExecutionRecord?[]? Children)> RunWorkersAsync(
        RunFrame frame, MapRun shared, AbortSignal abort, JsonValue[] inputs, int maxConcurrency)
    {

        // Worker w takes item w first, then whatever is left: with iterations that never wait, the history is in item
        // order; with MaxConcurrency N, each worker is one of the N lanes, and its virtual time runs on from item to item.
        var workers = maxConcurrency <= 0 || maxConcurrency >= inputs.Length ? inputs.Length : maxConcurrency;
        shared.NextItem = workers;
        var lanes = new ValueTask<TimeSpan>[workers];
        for (var w = 0; w < workers; w++)
        {
#pragma warning disable CA2012 // Each lane is awaited exactly once below; starting them all first is what runs them concurrently.
            lanes[w] = WorkerAsync(frame, shared, abort, inputs, w);
#pragma warning restore CA2012
        }
        var latest = frame.VirtualOffset;
        for (var w = 0; w < workers; w++)
        {
            var end = await lanes[w].ConfigureAwait(false);
            if (end > latest)
                latest = end;
        }

        frame.VirtualOffset = latest;
        if (shared.Failure is { } failure)
        {
            frame.Source = shared.FailedSource;
            return (StepResult.Failed(failure), null, null);
        }

        if (frame.IsAborting)
            return (StepResult.Aborted(), null, null);
        frame.Source = shared.LastPublished;
        return (default, shared.Outputs, shared.Children);
    }

    private async ValueTask<TimeSpan> WorkerAsync(RunFrame frame, MapRun shared, AbortSignal abort, JsonValue[] inputs, int first)
    {
        var offset = frame.VirtualOffset;
        var index = first;
        while (index < inputs.Length && !abort.IsSet)
        {
            offset = await RunIterationAsync(frame, shared, abort, index, inputs[index], offset).ConfigureAwait(false);
            lock (shared)
                index = shared.NextItem++;
        }

        return offset;
    }

    private async ValueTask<TimeSpan> RunIterationAsync(RunFrame frame, MapRun shared, AbortSignal abort, int index, JsonValue input, TimeSpan offset)
    {
        if (_distributed)
            return await RunChildExecutionAsync(frame, shared, abort, index, input, offset).ConfigureAwait(false);
        RunFrame child;
        lock (shared)
        {
            // Inside a distributed Map's child, an inline Map's iterations belong to that child ($$.Execution, random source).
            child = new RunFrame(frame.Run, frame.Sink, new VariableScope(frame.Variables)) { Source = shared.Source, VirtualOffset = offset, Abort = abort, Child = frame.Child };
            child.Attach(new FrameKey(shared.StartedEventId, index));
            child.Emit(HistoryEventType.MapIterationStarted, new MapIterationEventDetails(Name, index));
        }

        var result = await GraphRunner.RunAsync(_processor, child, input).ConfigureAwait(false);
        lock (shared)
        {
            switch (result.Kind)
            {
                case StepKind.End:
                    shared.Outputs[index] = result.Output!;
                    shared.LastPublished = child.Emit(HistoryEventType.MapIterationSucceeded, new MapIterationEventDetails(Name, index), updateSource: false);
                    shared.Source = child.Source;
                    break;
                case StepKind.Failed:
                    child.Emit(HistoryEventType.MapIterationFailed, new MapIterationEventDetails(Name, index), updateSource: false);
                    RecordFailure(shared, abort, index, result.Failure!, child.Source);
                    break;
                default:
                    child.Emit(HistoryEventType.MapIterationAborted, new MapIterationEventDetails(Name, index), updateSource: false);
                    break;
            }
        }

        return child.VirtualOffset;
    }

    /// <summary>
    /// One item of a distributed Map as a child execution: its own history (ExecutionStarted ... ExecutionSucceeded),
    /// stored as an execution of its own as it goes (RUNNING from its start), with no access to the parent's variables.
    /// </summary>
    /// <remarks>
    /// Resuming, the item's child (named after the item: <see cref="ChildExecutionNames"/>) is looked up first: one
    /// that ended SUCCEEDED, FAILED or TIMED_OUT is not run again, as AWS never re-runs a Map Run's finished children;
    /// its record gives the item's output or error. One stored RUNNING resumes from its own history by replay, as a
    /// top-level execution does. One stored otherwise (ABORTED by a stopping Map Run before the crash) runs again
    /// unrecorded: a history is never written twice.
    /// </remarks>
    private async ValueTask<TimeSpan> RunChildExecutionAsync(RunFrame frame, MapRun shared, AbortSignal abort, int index, JsonValue input, TimeSpan offset)
    {
        var run = frame.Run;
        var mapRun = shared.ChildExecutions!;
        var earlier = run.IsResumed ? await EarlierChildAsync(run.Engine.Store, mapRun.Names, index).ConfigureAwait(false) : null;
        if (earlier is { Status: ExecutionStatus.SUCCEEDED or ExecutionStatus.FAILED or ExecutionStatus.TIMED_OUT })
            return Reuse(frame, shared, abort, index, earlier, offset);
        if (earlier is { Status: ExecutionStatus.ABORTED } && await WasStoppedOnItsOwnAsync(run.Engine.Store, earlier).ConfigureAwait(false))
            return Reuse(frame, shared, abort, index, earlier, offset);

        var execution = new ChildExecution(run, mapRun, index, input, earlier?.StartDate ?? run.Now(offset));
        if (earlier is null)
            await execution.Journal.CreateAsync(execution.Running()).ConfigureAwait(false);
        else if (earlier.Status == ExecutionStatus.RUNNING)
            execution.Journal.Resume(await run.Engine.Store.ReadHistoryAsync(earlier.ExecutionArn, CancellationToken.None).ConfigureAwait(false));
        else
            execution.Journal.DoNotStore();

        // No Abort of its own: the frame reads the child's (ChildExecution.IsAborting), made only if the child needs a token.
        var child = new RunFrame(run, execution.Journal, new VariableScope(null)) { VirtualOffset = offset, Child = execution };
        child.Attach(FrameKey.TopLevel);
        child.BeginSynchronousStep();
        child.Emit(HistoryEventType.ExecutionStarted, new ExecutionStartedEventDetails(input, execution.RoleArn, run.Machine.DefinitionHash), updateSource: false);
        child.EndSynchronousStep();
        var result = await GraphRunner.RunAsync(_processor, child, input).ConfigureAwait(false);

        if (result.Kind == StepKind.Aborted && run.IsSuspended)
        {
            // The engine is shutting down over a durable store: the child did not end, and is not recorded as ended
            // (the next engine resumes it), just as its parent stays RUNNING.
            mapRun.Ended(execution);
            return child.VirtualOffset;
        }

        // Its history reached the quota of an execution: it fails as a top-level execution would, whatever its last
        // step gave, and counts as a failed item (ToleratedFailure* apply).
        if (execution.Journal.HistoryLimitExceeded)
            result = StepResult.Failed(new Failure(ErrorNames.Runtime, ExecutionRun.HistoryLimitCause));
        execution.Journal.Ending();
        if (result.Kind == StepKind.Aborted && mapRun.StopOf(index) is { } stop)
        {
            EndStopped(shared, abort, execution, child, stop);
            return child.VirtualOffset;
        }

        ExecutionStatus status;
        switch (result.Kind)
        {
            case StepKind.End:
                child.Emit(HistoryEventType.ExecutionSucceeded, new OutputEventDetails(result.Output!));
                status = ExecutionStatus.SUCCEEDED;
                break;
            case StepKind.Failed:
                child.Emit(HistoryEventType.ExecutionFailed, new ErrorEventDetails(result.Failure!.Error, result.Failure.Cause));
                status = ExecutionStatus.FAILED;
                break;
            default:
                // Stopped because the Map failed or the parent stopped: AWS aborts the Map Run's other children.
                child.Emit(HistoryEventType.ExecutionAborted, new ErrorEventDetails(null, null));
                status = ExecutionStatus.ABORTED;
                break;
        }

        var record = execution.Record(status, child.Now, result);
        // Handed over, not waited for: the parent's next barrier covers it, as it covers the parent's own computed steps.
        execution.Journal.Flush(record);
        mapRun.Ended(execution);
        RecordChild(shared, abort, index, record, result.Kind == StepKind.End ? result.Output! : null, result.Kind == StepKind.Failed ? result.Failure! : null);
        return child.VirtualOffset;
    }

    /// <summary>
    /// A child stopped by a StopExecution of its own: it ends ABORTED with the stop's error and cause, and counts as an
    /// unsuccessful item (ToleratedFailure*), as a failed child does.
    /// </summary>
    /// <remarks>
    /// Its ExecutionAborted follows event 0, as a stopped top-level execution's does, and is recorded by the thread
    /// <see cref="FrameKey.StopRequest"/>: the mark that tells a resumed Map Run this child ended on its own (and is
    /// not run again) from one its stopping Map Run aborted (which is).
    /// </remarks>
    private void EndStopped(MapRun shared, AbortSignal abort, ChildExecution execution, RunFrame child, ChildStopRequest stop)
    {
        var now = child.Now;
        execution.Journal.Append(HistoryEventType.ExecutionAborted, 0, now, new ErrorEventDetails(stop.Error, stop.Cause), FrameKey.StopRequest);
        var record = execution.Stopped(now, stop);
        execution.Journal.Flush(record);
        execution.MapRun.Ended(execution);
        RecordChild(shared, abort, execution.Index, record, null, StoppedFailure(record));
    }

    /// <summary>Whether an ABORTED child was stopped on its own (by StopExecution) rather than aborted by its stopping Map Run.</summary>
    private static async ValueTask<bool> WasStoppedOnItsOwnAsync(IExecutionStore store, ExecutionRecord record)
    {
        var history = await store.ReadHistoryAsync(record.ExecutionArn, CancellationToken.None).ConfigureAwait(false);
        return history.Count > 0 && history[^1] is { Type: HistoryEventType.ExecutionAborted, Frame: var frame } && frame == FrameKey.StopRequest;
    }

    /// <summary>The failure a stopped child stands for: its output slot shows the stop's error and cause.</summary>
    private static Failure StoppedFailure(ExecutionRecord record) => new(record.Error, record.Cause) { IsStop = true };

    /// <summary>The record a run before the restart left for the item's child, if any.</summary>
    private static ValueTask<ExecutionRecord?> EarlierChildAsync(IExecutionStore store, ChildExecutionNames names, int index) =>
        store.GetExecutionAsync(names.ExecutionArnPrefix + names.NameOf(index), CancellationToken.None);

    /// <summary>A child that ended before the engine stopped: its recorded output or error stands for the item, with no run.</summary>
    private TimeSpan Reuse(RunFrame frame, MapRun shared, AbortSignal abort, int index, ExecutionRecord record, TimeSpan offset)
    {
        if (record.Status == ExecutionStatus.SUCCEEDED)
        {
            RecordChild(shared, abort, index, record, record.Output ?? JsonNull.Instance, null);
        }
        else if (record.Status == ExecutionStatus.ABORTED)
        {
            RecordChild(shared, abort, index, record, null, StoppedFailure(record));
        }
        else
        {
            var error = record.Error ?? (record.Status == ExecutionStatus.TIMED_OUT ? ErrorNames.Timeout : ErrorNames.TaskFailed);
            RecordChild(shared, abort, index, record, null, new Failure(error, record.Cause));
        }

        // On a virtual clock the lane's time is never earlier than the end of the child it reuses.
        if (frame.Run.Settings.UsesVirtualClock && record.StopDate is { } stop && stop - frame.Run.Engine.Time.GetUtcNow() > offset)
            return stop - frame.Run.Engine.Time.GetUtcNow();
        return offset;
    }

    /// <summary>
    /// What the item's child came to: its record (for the ResultWriter), and its output or its failure (neither when it
    /// was aborted), whether it ran now or ended before a restart.
    /// </summary>
    private void RecordChild(MapRun shared, AbortSignal abort, int index, ExecutionRecord record, JsonValue? output, Failure? failure)
    {
        lock (shared)
        {
            if (shared.Children is { } children)
                children[index] = record;
            if (output is not null)
                shared.Outputs[index] = output;
            else if (failure is not null)
                RecordFailure(shared, abort, index, failure, shared.Source);
        }
    }

    private void RecordFailure(MapRun shared, AbortSignal abort, int index, Failure failure, long failedSource)
    {
        shared.Outputs[index] = failure.ToErrorOutput();
        if (shared.RecordFailure(failure, _settings))
        {
            shared.FailedSource = failedSource;
            abort.Set();
        }
    }

    /// <summary>What the iterations of one attempt share; guarded by locking the instance.</summary>
    private sealed class MapRun(long source, int count, int toleratedCount, double toleratedPercentage)
    {
        public long Source { get; set; } = source;

        public long LastPublished { get; set; } = source;

        /// <summary>The MapStateStarted event of this attempt: with an item's index, it names the item's thread (<see cref="FrameKey"/>).</summary>
        public long StartedEventId { get; init; }

        /// <summary>A distributed Map's children (their names, and the stops asked for them); null for an inline Map.</summary>
        public MapRunChildren? ChildExecutions { get; init; }

        /// <summary>The child executions' final records, kept only for a ResultWriter.</summary>
        public ExecutionRecord?[]? Children { get; init; }

        public int NextItem { get; set; }

        public JsonValue[] Outputs { get; } = new JsonValue[count];

        public int FailedCount { get; private set; }

        /// <summary>The failure that fails the Map, once the tolerance is exceeded.</summary>
        public Failure? Failure { get; private set; }

        public long FailedSource { get; set; }

        /// <summary>Counts a failed item; true when this one makes the Map fail.</summary>
        public bool RecordFailure(Failure failure, MapSettings settings)
        {
            FailedCount++;
            if (Failure is not null)
                return false;
            if (!settings.HasTolerance)
            {
                // A stopped child has no error of its own to fail the Map with: the Map Run's threshold (0) is exceeded.
                Failure = failure.IsStop ? ExceededThreshold : failure;
                return true;
            }

            var overCount = settings.HasToleratedCount && FailedCount > toleratedCount;
            var overPercentage = settings.HasToleratedPercentage && FailedCount * 100.0 / count > toleratedPercentage;
            if (!overCount && !overPercentage)
                return false;
            Failure = ExceededThreshold;
            return true;
        }

        private static Failure ExceededThreshold => new(ErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
    }
}
