using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>A Wait state: delays for a time or until a timestamp.</summary>
public sealed class Wait : NextableStateNode
{
    private readonly WaitTime _time;
    private readonly StateOptions _options;

    /// <summary>A Wait state named <paramref name="name"/> that waits for <paramref name="time"/>.</summary>
    public Wait(string name, WaitTime time, StateOptions? options = null)
        : base(name)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new StateOptions();
    }

    /// <inheritdoc />
    public override StateType Type => StateType.Wait;

    /// <inheritdoc />
    public override QueryLanguage? QueryLanguage => _options.QueryLanguage;

    internal override State Render(StateRenderContext context)
    {
        var (seconds, secondsPath) = context.Number(_time.SecondsField, "Seconds");
        var (timestamp, timestampPath) = context.Text(_time.TimestampField, "Timestamp", Field<DateTimeOffset>.Rfc3339);
        var state = FlowRendering.Apply(new WaitState(), _options, context) with
        {
            Seconds = seconds,
            SecondsPath = secondsPath,
            Timestamp = timestamp,
            TimestampPath = timestampPath,
        };
        return FlowRendering.Transition(state, NextState);
    }
}
