using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>Wait in JSONata: Seconds (a non-negative whole number) or Timestamp (RFC 3339), each literal or an expression.</summary>
internal sealed class JsonataWaitNode(string name, WaitState state)
    : StateNode(name, state, HistoryEventType.WaitStateEntered, HistoryEventType.WaitStateExited, jsonata: true)
{
    private readonly JsonataValueField? _seconds = JsonataValueField.From(state.Seconds, "Seconds");
    private readonly JsonataValueField? _timestamp = JsonataValueField.From(state.Timestamp, "Timestamp");

    public override bool IsSynchronous => false;

    public override async ValueTask<StepResult> ExecuteAsync(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        TimeSpan delay;
        try
        {
            delay = Delay(frame, JsonataFields.Bindings(frame, input));
        }
        catch (QueryEvaluationException e)
        {
            // AWS links this EvaluationFailed to the Wait's Entered event (test_wait_timestamp_jsonata).
            return StepResult.Failed(EvaluationFailed(frame, e, followsEntered: true));
        }

        try
        {
            await WaitStateDelay.WaitAsync(frame, delay).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return StepResult.Aborted();
        }

        if (frame.Run.IsStopping)
            return StepResult.Aborted();
        try
        {
            var bindings = JsonataFields.Bindings(frame, input);
            var assigned = JsonataFields.Assign(JsonataAssign, bindings);
            return Exit(frame, JsonataFields.Output(JsonataOutput, bindings, input), assigned, NextIndex);
        }
        catch (QueryEvaluationException e)
        {
            return StepResult.Failed(EvaluationFailed(frame, e));
        }
    }

    private TimeSpan Delay(RunFrame frame, Jsonata.JsonataBindings bindings)
    {
        if (_seconds is not null)
        {
            var value = _seconds.Evaluate(bindings);
            if (value is not JsonNumber n)
                throw _seconds.Unexpected("number", value);
            if (!n.TryGetInt64(out var seconds) || seconds < 0)
                throw _seconds.OutOfRange("be a non-negative integer", value);
            return TimeSpan.FromSeconds(seconds);
        }

        var text = _timestamp!.Evaluate(bindings);
        if (text is not JsonString s)
            throw _timestamp.Unexpected("string", text);
        if (!Timestamps.TryParse(s.Value, out var until))
            throw new QueryEvaluationException("Timestamp", $"The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {s.Value}");
        // From the entered time, not now: a resumed run computes the same fire time as the first.
        return until - frame.EnteredTime;
    }
}
