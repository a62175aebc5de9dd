namespace SageBuild.StateMachines.Json;

/// <summary>Builds a <see cref="JsonObject"/> in insertion order. A builder is used once.</summary>
public sealed class JsonObjectBuilder
{
    private List<KeyValuePair<string, JsonValue>>? _properties;
    private Dictionary<string, int>? _index;
    private bool _built;

    /// <summary>A builder with room for <paramref name="capacity"/> properties.</summary>
    public JsonObjectBuilder(int capacity = 4) => _properties = new(capacity);

    /// <summary>The number of properties so far.</summary>
    public int Count => _properties?.Count ?? 0;

    /// <summary>Sets <paramref name="key"/>: replaces the value in place when present, else appends.</summary>
    public JsonObjectBuilder Set(string key, JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var properties = Properties();
        var existing = IndexOf(properties, key);
        if (existing >= 0)
        {
            properties[existing] = new(key, value);
            return this;
        }

        properties.Add(new(key, value));
        _index?.Add(key, properties.Count - 1);
        return this;
    }

    /// <summary>Sets <paramref name="key"/> when <paramref name="value"/> is not null.</summary>
    public JsonObjectBuilder SetIfNotNull(string key, JsonValue? value) => value is null ? this : Set(key, value);

    /// <summary>Whether <paramref name="key"/> has been set.</summary>
    public bool ContainsKey(string key) => IndexOf(Properties(), key) >= 0;

    /// <summary>The object; the builder cannot be used afterwards.</summary>
    public JsonObject Build()
    {
        var properties = Properties();
        _built = true;
        _properties = null;
        return JsonObject.Wrap([.. properties]);
    }

    private List<KeyValuePair<string, JsonValue>> Properties() =>
        !_built && _properties is not null ? _properties : throw new InvalidOperationException("this JsonObjectBuilder has already built its object");

    private int IndexOf(List<KeyValuePair<string, JsonValue>> properties, string key)
    {
        if (_index is null && properties.Count > 8)
        {
            _index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < properties.Count; i++)
                _index[properties[i].Key] = i;
        }

        if (_index is not null)
            return _index.TryGetValue(key, out var found) ? found : -1;
        for (var i = 0; i < properties.Count; i++)
        {
            if (string.Equals(properties[i].Key, key, StringComparison.Ordinal))
                return i;
        }

        return -1;
    }
}
