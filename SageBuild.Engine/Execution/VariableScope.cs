using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>
/// The workflow variables one graph sees. The top level has one scope; every Parallel branch and Map iteration gets a
/// scope of its own whose parent is the enclosing one, so inner states read outer variables while their own
/// assignments stay inside (AWS's scoping rules). A distributed Map's children start from an empty root: they cannot
/// read the parent's variables. A frame is driven by one thread at a time, so a scope needs no lock.
/// </summary>
internal sealed class VariableScope(VariableScope? parent)
{
    private Dictionary<string, JsonValue>? _values;

    public VariableScope? Parent { get; } = parent;

    public bool TryGet(string name, out JsonValue value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._values is not null && scope._values.TryGetValue(name, out var found))
            {
                value = found;
                return true;
            }
        }

        value = JsonNull.Instance;
        return false;
    }

    /// <summary>
    /// Applies one state's assignments, all at once, after the state has evaluated everything else. They land in this
    /// scope: an inner scope never writes to an outer one, so concurrent iterations cannot race on a shared variable.
    /// </summary>
    public void Assign(JsonObject assigned)
    {
        var values = _values ??= new Dictionary<string, JsonValue>(StringComparer.Ordinal);
        foreach (var (name, value) in assigned.AsSpan())
            values[name] = value;
    }
}
