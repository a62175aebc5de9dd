using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.Engine.Preparation;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>Parallel: every branch on the same input; the result is their outputs in branch order; one failure fails all.</summary>
internal sealed class ParallelNode : RetryableNode
{
    private readonly PreparedGraph[] _branches;

    public ParallelNode(string name, ParallelState state, Func<string, int> indexOf, PreparedGraph[] branches, bool jsonata = false)
        : base(name, state, HistoryEventType.ParallelStateEntered, HistoryEventType.ParallelStateExited, indexOf, jsonata) => _branches = branches;

    public override async ValueTask<StepResult> ExecuteAsync(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        JsonValue effective;
        try
        {
            effective = EffectiveInput(frame, input);
        }
        catch (StatesErrorException e)
        {
            return Fail(frame, input, FromException(frame, e));
        }
        catch (QueryEvaluationException e)
        {
            return Fail(frame, input, EvaluationFailed(frame, e));
        }

        var attempts = new int[Retry.Count];
        while (true)
        {
            var started = frame.Emit(HistoryEventType.ParallelStateStarted, null);
            var (outcome, outputs) = await RunBranchesAsync(frame, effective, started).ConfigureAwait(false);
            if (outcome.Kind == StepKind.Aborted)
                return outcome;
            if (outcome.Kind == StepKind.Failed)
            {
                if (await RetryAsync(frame, outcome.Failure!, attempts).ConfigureAwait(false))
                    continue;
                if (frame.IsAborting)
                    return StepResult.Aborted();
                frame.Emit(HistoryEventType.ParallelStateFailed, null);
                return Fail(frame, input, outcome.Failure!);
            }

            frame.Emit(HistoryEventType.ParallelStateSucceeded, null, updateSource: false);
            return Complete(frame, input, JsonArray.Wrap(outputs!));
        }
    }

    private async ValueTask<(StepResult Outcome, JsonValue[]? Outputs)> RunBranchesAsync(RunFrame frame, JsonValue input, long startedEventId)
    {
        using var abort = new AbortSignal(frame.Abort, frame.Run.Cancellation);
        var children = new RunFrame[_branches.Length];
        var runs = new ValueTask<StepResult>[_branches.Length];
        for (var i = 0; i < _branches.Length; i++)
        {
            children[i] = frame.CreateChild(new VariableScope(frame.Variables));
            children[i].Abort = abort;
            children[i].Attach(new FrameKey(startedEventId, i));
#pragma warning disable CA2012 // Each branch is awaited exactly once below; starting them all first is what runs them concurrently.
            runs[i] = RunBranchAsync(_branches[i], children[i], input, abort);
#pragma warning restore CA2012
        }

        var outputs = new JsonValue[_branches.Length];
        RunFrame? failed = null;
        Failure? failure = null;
        for (var i = 0; i < runs.Length; i++)
        {
            var result = await runs[i].ConfigureAwait(false);
            if (result.Kind == StepKind.End)
                outputs[i] = result.Output!;
            else if (result.Kind == StepKind.Failed && failure is null)
            {
                failure = result.Failure;
                failed = children[i];
            }
        }

        var latest = frame.VirtualOffset;
        long last = frame.Source;
        foreach (var child in children)
        {
            if (child.VirtualOffset > latest)
                latest = child.VirtualOffset;
            if (child.Source > last)
                last = child.Source;
        }

        frame.VirtualOffset = latest;
        if (failed is not null)
        {
            frame.Source = failed.Source;
            return (StepResult.Failed(failure!), null);
        }

        if (frame.IsAborting)
            return (StepResult.Aborted(), null);
        frame.Source = last;
        return (default, outputs);
    }

    private static async ValueTask<StepResult> RunBranchAsync(PreparedGraph branch, RunFrame child, JsonValue input, AbortSignal abort)
    {
        var result = await GraphRunner.RunAsync(branch, child, input).ConfigureAwait(false);
        if (result.Kind == StepKind.Failed)
            abort.Set();
        return result;
    }
}
