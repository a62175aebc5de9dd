using System.Collections;
using System.Collections.Immutable;

namespace SageBuild.Infra.Model;

/// <summary>
/// A map with string keys, written in the order its entries were added (so the printed program is deterministic).
/// Use a collection initializer: <c>new MapValue { ["bucket"] = bucket.Output("id") }</c>. Null values are left out,
/// which keeps optional properties out of the program.
/// </summary>
public sealed record MapValue : PropertyValue, IEnumerable<KeyValuePair<string, PropertyValue>>
{
    private ImmutableArray<KeyValuePair<string, PropertyValue>> _entries = [];

    /// <summary>An empty map.</summary>
    public MapValue()
    {
    }

    /// <summary>A map of <paramref name="entries"/>, in order.</summary>
    public MapValue(IEnumerable<KeyValuePair<string, PropertyValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, value) in entries)
            this[key] = value;
    }

    /// <summary>The entries, in order.</summary>
    public ImmutableArray<KeyValuePair<string, PropertyValue>> Entries => _entries;

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Length;

    /// <summary>
    /// The value of <paramref name="key"/>; setting adds the entry (or replaces it in place). Setting null leaves the
    /// map as it is, so optional values can be assigned without a condition.
    /// </summary>
    public PropertyValue? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : null;
        init => Set(key, value);
    }

    /// <summary>Whether the map has <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>The value of <paramref name="key"/>, if present.</summary>
    public bool TryGetValue(string key, out PropertyValue value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _entries[i].Value : NullValue.Instance;
        return i >= 0;
    }

    /// <summary>A copy of this map with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public MapValue With(string key, PropertyValue? value)
    {
        var copy = new MapValue(_entries);
        copy.Set(key, value);
        return copy;
    }

    /// <inheritdoc />
    public override IEnumerable<Reference> References() => _entries.SelectMany(e => e.Value.References());

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, PropertyValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, PropertyValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Adds an entry (collection initializer support); null values are left out.</summary>
    public void Add(string key, PropertyValue? value) => Set(key, value);

    /// <inheritdoc />
    public bool Equals(MapValue? other) => other is not null && _entries.SequenceEqual(other._entries);

    /// <inheritdoc />
    public override int GetHashCode() => _entries.Aggregate(_entries.Length, (h, e) => HashCode.Combine(h, e.Key, e.Value));

    private void Set(string key, PropertyValue? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (value is null)
            return;
        var i = IndexOf(key);
        _entries = i >= 0 ? _entries.SetItem(i, new(key, value)) : _entries.Add(new(key, value));
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
                return i;
        }

        return -1;
    }
}
