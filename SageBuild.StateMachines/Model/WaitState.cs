namespace SageBuild.StateMachines.Model;

/// <summary>Delays for a time or until a timestamp; exactly one of the four forms is set.</summary>
public sealed record WaitState : TransitionState
{
    /// <inheritdoc />
    public override StateType Type => StateType.Wait;

    /// <summary>Seconds to wait.</summary>
    public NumberOrJsonata? Seconds { get; init; }

    /// <summary>A reference path to the seconds.</summary>
    public string? SecondsPath { get; init; }

    /// <summary>An RFC 3339 timestamp to wait until (or a JSONata expression).</summary>
    public string? Timestamp { get; init; }

    /// <summary>A reference path to the timestamp.</summary>
    public string? TimestampPath { get; init; }
}
