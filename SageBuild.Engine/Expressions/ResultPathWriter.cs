using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Expressions;

// CONTRACT SKELETON: implemented by the expressions work; the engine codes against these signatures.

/// <summary>Places a result in a state's input as ResultPath says.</summary>
public static class ResultPathWriter
{
    /// <summary>
    /// Absent ResultPath (null) gives <paramref name="result"/>; <c>"$"</c> gives the result; the explicit null discards the
    /// result and gives <paramref name="input"/>; any other reference path gives a copy of the input with the result at that
    /// path, creating objects on the way. Throws <see cref="StatesErrorException"/> with States.ResultPathMatchFailure.
    /// </summary>
    public static JsonValue Apply(JsonValue input, NullablePath? resultPath, JsonValue result) => throw new NotImplementedException();
}
