namespace SageBuild.StateMachines.Model;

/// <summary>Ends the execution with an error and a cause.</summary>
public sealed record FailState : State
{
    /// <inheritdoc />
    public override StateType Type => StateType.Fail;

    /// <summary>The error name (or a JSONata expression).</summary>
    public string? Error { get; init; }

    /// <summary>A reference path or intrinsic function giving the error name.</summary>
    public string? ErrorPath { get; init; }

    /// <summary>The cause (or a JSONata expression).</summary>
    public string? Cause { get; init; }

    /// <summary>A reference path or intrinsic function giving the cause.</summary>
    public string? CausePath { get; init; }
}
