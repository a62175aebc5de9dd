using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>The options of a <see cref="Pass"/> state.</summary>
public sealed record PassOptions : StateOptions
{
    /// <summary>JSONPath: a payload template that replaces the input.</summary>
    /// <value>None by default.</value>
    public TaskInput? Parameters { get; init; }

    /// <summary>JSONPath: a fixed result that replaces the input.</summary>
    /// <value>None by default.</value>
    public JsonValue? Result { get; init; }

    /// <summary>JSONPath: where the result goes in the input; <see cref="JsonPath.DiscardResult"/> keeps the input.</summary>
    /// <value>Null by default: the result replaces the input.</value>
    public NullablePath? ResultPath { get; init; }
}
