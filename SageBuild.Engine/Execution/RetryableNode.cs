using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>What Task, Parallel and Map share: Parameters, ResultSelector, ResultPath, Retry and Catch.</summary>
internal abstract class RetryableNode : StateNode
{
    protected RetryableNode(string name, RetryableState state, HistoryEventType entered, HistoryEventType exited, Func<string, int> indexOf, bool jsonata)
        : base(name, state, entered, exited, jsonata)
    {
        if (jsonata)
        {
            Arguments = JsonataFields.Template(state.Arguments, "Arguments");
        }
        else
        {
            Parameters = PreparedTemplate.CompileOptional(state.Parameters);
            ResultSelector = PreparedTemplate.CompileOptional(state.ResultSelector);
        }

        ResultPath = ResultPathSpec.From(state.ResultPath);
        Retry = RetryPolicy.From(state.Retry);
        Catch = CatchPolicy.From(state.Catch, indexOf, jsonata);
    }

    public override bool IsSynchronous => false;

    protected override bool CanRetry => true;

    protected PreparedTemplate? Parameters { get; }

    protected PreparedTemplate? ResultSelector { get; }

    /// <summary>JSONata: the input of the state's work (Task, Parallel), evaluated against the state's input.</summary>
    protected JsonataTemplate? Arguments { get; }

    protected ResultPathSpec ResultPath { get; }

    protected RetryPolicy Retry { get; }

    protected CatchPolicy Catch { get; }

    /// <summary>ResultSelector, Assign, ResultPath and OutputPath over a successful result; then the Exited event.</summary>
    protected StepResult Complete(RunFrame frame, JsonValue rawInput, JsonValue result)
    {
        if (IsJsonata)
            return CompleteJsonata(frame, rawInput, result);
        try
        {
            var selected = ResultSelector is null ? result : ResultSelector.Evaluate(frame, result);
            var assigned = EvaluateAssign(frame, Assign, selected);
            var output = OutputPath.Select(frame, ResultPath.Apply(rawInput, selected));
            if (!ReferenceEquals(output, rawInput) && PayloadLimit.Exceeds(output))
                return Fail(frame, rawInput, DataLimit());
            return Exit(frame, output, assigned, NextIndex);
        }
        catch (StatesErrorException e)
        {
            return Fail(frame, rawInput, FromException(frame, e));
        }
    }

    /// <summary>JSONata: Assign and Output (default: the result) see <c>$states.input</c> and <c>$states.result</c>.</summary>
    private StepResult CompleteJsonata(RunFrame frame, JsonValue rawInput, JsonValue result)
    {
        if (JsonataAssign is null && JsonataOutput is null)
            return PayloadLimit.Exceeds(result) ? Fail(frame, rawInput, DataLimit()) : Exit(frame, result, null, NextIndex);
        try
        {
            var bindings = JsonataFields.Bindings(frame, rawInput, result);
            var assigned = JsonataFields.Assign(JsonataAssign, bindings);
            var output = JsonataFields.Output(JsonataOutput, bindings, result);
            if (!ReferenceEquals(output, rawInput) && PayloadLimit.Exceeds(output))
                return Fail(frame, rawInput, DataLimit());
            return Exit(frame, output, assigned, NextIndex);
        }
        catch (QueryEvaluationException e)
        {
            return Fail(frame, rawInput, EvaluationFailed(frame, e));
        }
    }

    /// <summary>After retries: the first matching Catcher moves on with the error output, or the state fails.</summary>
    protected StepResult Fail(RunFrame frame, JsonValue rawInput, Failure failure)
    {
        if (Catch.Find(failure) is not { } catcher)
            return StepResult.Failed(failure);
        if (IsJsonata)
            return CatchJsonata(frame, rawInput, failure, catcher);
        try
        {
            var errorOutput = failure.ToErrorOutput();
            var assigned = EvaluateAssign(frame, catcher.Assign, errorOutput);
            var output = catcher.ResultPath.Apply(rawInput, errorOutput);
            return Exit(frame, output, assigned, catcher.NextIndex);
        }
        catch (StatesErrorException e)
        {
            return StepResult.Failed(FromException(frame, e));
        }
    }

    /// <summary>JSONata: the Catcher's Assign and Output (default: the error output) see <c>$states.errorOutput</c>.</summary>
    private StepResult CatchJsonata(RunFrame frame, JsonValue rawInput, Failure failure, PreparedCatcher catcher)
    {
        try
        {
            var errorOutput = failure.ToErrorOutput();
            var bindings = JsonataFields.Bindings(frame, rawInput, errorOutput: errorOutput);
            var assigned = JsonataFields.Assign(catcher.JsonataAssign, bindings);
            var output = JsonataFields.Output(catcher.JsonataOutput, bindings, errorOutput);
            return Exit(frame, output, assigned, catcher.NextIndex);
        }
        catch (QueryEvaluationException e)
        {
            return StepResult.Failed(EvaluationFailed(frame, e));
        }
    }

    /// <summary>Whether to retry <paramref name="failure"/>; if so, waits the retry delay (or moves virtual time on).</summary>
    protected async ValueTask<bool> RetryAsync(RunFrame frame, Failure failure, int[] attempts)
    {
        if (Retry.IsEmpty || !Retry.TryGetDelay(failure, attempts, frame.Random, out var delay))
            return false;
        try
        {
            // Replaying, the retry's attempt is recorded: it happened, no need to wait for it again. Resumed right
            // after the failure, only the time left of the delay is waited.
            if (frame.IsReplaying)
                frame.AddReplayedDelay(delay);
            else
                await frame.Run.DelayAsync(frame, frame.LastEventWasReplayed ? frame.LastEventTime + delay - frame.Now : delay).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        frame.RetryCount++;
        return !frame.Run.IsStopping;
    }

    /// <summary>The input for the state's work: InputPath, then Parameters; in JSONata, Arguments (default: the input).</summary>
    protected JsonValue EffectiveInput(RunFrame frame, JsonValue rawInput)
    {
        if (IsJsonata)
            return Arguments is null ? rawInput : JsonataFields.Evaluate(Arguments, JsonataFields.Bindings(frame, rawInput));
        var effective = InputPath.Select(frame, rawInput);
        return Parameters is null ? effective : Parameters.Evaluate(frame, effective);
    }
}
