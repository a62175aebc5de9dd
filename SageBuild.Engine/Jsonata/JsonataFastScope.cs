using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata;

/// <summary>What a <see cref="JsonataFastPath"/> reads: the bindings and the function library, with no allocation per evaluation.</summary>
internal readonly record struct JsonataFastScope(JsonataBindings Bindings, IReadOnlyDictionary<string, JsonataFunction> Library, bool ReadsContext)
{
    /// <summary><c>$name</c>: <c>$states</c>, a workflow variable, or a library function; null when unbound.</summary>
    public object? Resolve(string name) =>
        string.Equals(name, "states", StringComparison.Ordinal) ? Bindings.StatesFor(ReadsContext)
        : Bindings.Variable(name) is { } variable ? variable
        : Library.TryGetValue(name, out var function) ? function : null;

    /// <summary>A member of <c>$states</c> that needs no context object (input, result, errorOutput); null value when absent.</summary>
    public bool TryGetStatesMember(string name, out JsonValue? value)
    {
        value = name switch
        {
            "input" => Bindings.Input,
            "result" => Bindings.Result,
            "errorOutput" => Bindings.ErrorOutput,
            _ => null,
        };
        return name is "input" or "result" or "errorOutput";
    }
}
