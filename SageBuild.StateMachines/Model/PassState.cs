using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Model;

/// <summary>Passes its input, or a fixed <see cref="Result"/>, to its output.</summary>
public sealed record PassState : TransitionState
{
    /// <inheritdoc />
    public override StateType Type => StateType.Pass;

    /// <summary>A fixed result that replaces the input.</summary>
    public JsonValue? Result { get; init; }

    /// <summary>A payload template for the result.</summary>
    public JsonValue? Parameters { get; init; }

    /// <summary>Where the result goes in the input; null discards it.</summary>
    public NullablePath? ResultPath { get; init; }
}
