using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>Wait: for Seconds or SecondsPath, or until Timestamp or TimestampPath (RFC 3339).</summary>
internal sealed class WaitNode : StateNode
{
    private readonly long? _seconds;
    private readonly PathExpression? _secondsPath;
    private readonly DateTimeOffset? _timestamp;
    private readonly PathExpression? _timestampPath;

    public WaitNode(string name, WaitState state)
        : base(name, state, HistoryEventType.WaitStateEntered, HistoryEventType.WaitStateExited)
    {
        if (state.Seconds is { Number: { } seconds })
            _seconds = (long)seconds;
        if (state.SecondsPath is { } secondsPath)
            _secondsPath = PathExpression.Compile(secondsPath);
        if (state.Timestamp is { } timestamp)
        {
            _timestamp = Timestamps.TryParse(timestamp, out var at)
                ? at
                : throw new FormatException($"the Wait state '{name}' has a Timestamp that is not RFC 3339: '{timestamp}'");
        }

        if (state.TimestampPath is { } timestampPath)
            _timestampPath = PathExpression.Compile(timestampPath);
    }

    public override bool IsSynchronous => false;

    public override async ValueTask<StepResult> ExecuteAsync(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        JsonValue effective;
        TimeSpan delay;
        try
        {
            effective = InputPath.Select(frame, input);
            delay = Delay(frame, effective);
        }
        catch (StatesErrorException e)
        {
            return StepResult.Failed(FromException(frame, e));
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
            // Assign is a field of every state but Succeed and Fail, a Wait's included.
            var assigned = EvaluateAssign(frame, Assign, effective);
            return Exit(frame, OutputPath.Select(frame, effective), assigned, NextIndex);
        }
        catch (StatesErrorException e)
        {
            return StepResult.Failed(FromException(frame, e));
        }
    }

    private TimeSpan Delay(RunFrame frame, JsonValue effective)
    {
        if (_seconds is { } seconds)
            return TimeSpan.FromSeconds(seconds);
        // From the entered time, not now: a resumed run computes the same fire time as the first.
        if (_timestamp is { } timestamp)
            return timestamp - frame.EnteredTime;
        if (_secondsPath is not null)
        {
            if (!frame.TrySelect(_secondsPath, effective, out var value))
                throw new StatesErrorException(ErrorNames.Runtime, $"Invalid path '{_secondsPath.Text}' : No results for path: {PreparedPath.Normalise(_secondsPath.Text)}");
            if (value is not JsonNumber number || !number.TryGetInt64(out var whole))
                throw new StatesErrorException(ErrorNames.Runtime, $"The SecondsPath parameter cannot be parsed as a long value: {_secondsPath.Text} == {Describe(value)}");
            if (whole < 0)
                throw new StatesErrorException(ErrorNames.Runtime, $"The SecondsPath parameter references a negative value: {_secondsPath.Text} == {Describe(value)}");
            return TimeSpan.FromSeconds(whole);
        }

        if (!frame.TrySelect(_timestampPath!, effective, out var text))
            throw new StatesErrorException(ErrorNames.Runtime, $"Invalid path '{_timestampPath!.Text}' : No results for path: {PreparedPath.Normalise(_timestampPath.Text)}");
        if (text is not JsonString s || !Timestamps.TryParse(s.Value, out var until))
            throw new StatesErrorException(ErrorNames.Runtime, $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {_timestampPath!.Text} == {Describe(text)}");
        return until - frame.EnteredTime;
    }

    private static string Describe(JsonValue value) => value switch
    {
        JsonString s => s.Value,
        JsonNumber n => n.ToText(),
        _ => value.ToJson(),
    };
}
