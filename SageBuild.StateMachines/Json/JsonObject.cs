using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SageBuild.StateMachines.Json;

/// <summary>
/// An immutable JSON object that keeps its keys in insertion order. Keys are unique: a document with a
/// repeated key keeps the last value, as Step Functions' parser does.
/// </summary>
public sealed class JsonObject : JsonValue, IReadOnlyList<KeyValuePair<string, JsonValue>>
{
    /// <summary>The empty object.</summary>
    public static readonly JsonObject Empty = new([]);

    // Objects in state data are small: a linear scan beats hashing until about this many keys.
    private const int IndexThreshold = 8;

    private readonly KeyValuePair<string, JsonValue>[] _properties;
    private Dictionary<string, int>? _index;

    private JsonObject(KeyValuePair<string, JsonValue>[] properties) => _properties = properties;

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.Object;

    /// <summary>The number of properties.</summary>
    public int Count => _properties.Length;

    /// <summary>The property at <paramref name="index"/>, in insertion order.</summary>
    public KeyValuePair<string, JsonValue> this[int index] => _properties[index];

    /// <summary>The value of <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public JsonValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"the object has no key '{key}'");

    /// <summary>The keys, in order.</summary>
    public IEnumerable<string> Keys => _properties.Select(p => p.Key);

    /// <summary>The properties as a span, for loops on hot paths.</summary>
    public ReadOnlySpan<KeyValuePair<string, JsonValue>> AsSpan() => _properties;

    /// <summary>An object of <paramref name="properties"/>; a later repeated key replaces the earlier value in place.</summary>
    public static JsonObject Create(IEnumerable<KeyValuePair<string, JsonValue>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var builder = new JsonObjectBuilder();
        foreach (var property in properties)
            builder.Set(property.Key, property.Value);
        return builder.Build();
    }

    /// <summary>An object of <paramref name="properties"/>.</summary>
    public static JsonObject Create(params ReadOnlySpan<(string Key, JsonValue Value)> properties)
    {
        var builder = new JsonObjectBuilder(properties.Length);
        foreach (var (key, value) in properties)
            builder.Set(key, value);
        return builder.Build();
    }

    /// <summary>Takes ownership of <paramref name="properties"/>, whose keys must be unique.</summary>
    internal static JsonObject Wrap(KeyValuePair<string, JsonValue>[] properties) =>
        properties.Length == 0 ? Empty : new JsonObject(properties);

    /// <summary>Whether the object has <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>Looks up <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonValue value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }

        value = _properties[i].Value;
        return true;
    }

    /// <summary>A copy with <paramref name="key"/> set: replaced in place when present, else appended.</summary>
    public JsonObject With(string key, JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var i = IndexOf(key);
        KeyValuePair<string, JsonValue>[] copy;
        if (i >= 0)
        {
            copy = (KeyValuePair<string, JsonValue>[])_properties.Clone();
            copy[i] = new(key, value);
        }
        else
        {
            copy = new KeyValuePair<string, JsonValue>[_properties.Length + 1];
            _properties.CopyTo(copy, 0);
            copy[^1] = new(key, value);
        }

        return new JsonObject(copy);
    }

    /// <summary>A copy without <paramref name="key"/>.</summary>
    public JsonObject Without(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
            return this;
        var copy = new KeyValuePair<string, JsonValue>[_properties.Length - 1];
        Array.Copy(_properties, 0, copy, 0, i);
        Array.Copy(_properties, i + 1, copy, i, _properties.Length - i - 1);
        return Wrap(copy);
    }

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var (key, value) in _properties)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override bool Equals(JsonValue? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is not JsonObject obj || obj._properties.Length != _properties.Length)
            return false;
        foreach (var (key, value) in _properties)
        {
            if (!obj.TryGetValue(key, out var theirs) || !value.Equals(theirs))
                return false;
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Order-insensitive, to agree with Equals.
        var hash = _properties.Length;
        foreach (var (key, value) in _properties)
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value.GetHashCode());
        return hash;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonValue>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, JsonValue>>)_properties).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        if (_properties.Length <= IndexThreshold)
        {
            for (var i = 0; i < _properties.Length; i++)
            {
                if (string.Equals(_properties[i].Key, key, StringComparison.Ordinal))
                    return i;
            }

            return -1;
        }

        // Built once and published whole; a race builds two equal indexes, which is harmless.
        var index = _index ??= BuildIndex();
        return index.TryGetValue(key, out var found) ? found : -1;
    }

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(_properties.Length, StringComparer.Ordinal);
        for (var i = 0; i < _properties.Length; i++)
            index[_properties[i].Key] = i;
        return index;
    }
}
