using System.Diagnostics.CodeAnalysis;

namespace SageBuild.Engine.Jsonata.Runtime;

/// <summary>
/// An object made while evaluating (object constructors, group-by, <c>$merge</c>, transforms). Keys keep insertion
/// order, like a JavaScript object with string keys. Values may be functions until the result leaves the evaluator.
/// </summary>
internal sealed class JsonataMap
{
    private readonly List<string> _keys;
    private readonly Dictionary<string, object?> _values;

    public JsonataMap(int capacity = 4)
    {
        _keys = new List<string>(capacity);
        _values = new Dictionary<string, object?>(capacity, StringComparer.Ordinal);
    }

    public int Count => _keys.Count;

    public IReadOnlyList<string> Keys => _keys;

    public object? this[string key]
    {
        get => _values.TryGetValue(key, out var value) ? value : null;
        set
        {
            if (!_values.ContainsKey(key))
                _keys.Add(key);
            _values[key] = value;
        }
    }

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _values.TryGetValue(key, out value);

    public void Remove(string key)
    {
        if (_values.Remove(key))
            _keys.Remove(key);
    }
}
