using System.Collections;
using System.Text.Json;

namespace SageBuild.StateMachines.Json;

/// <summary>An immutable JSON array.</summary>
public sealed class JsonArray : JsonValue, IReadOnlyList<JsonValue>
{
    /// <summary>The empty array.</summary>
    public static readonly JsonArray Empty = new([]);

    private readonly JsonValue[] _items;

    private JsonArray(JsonValue[] items) => _items = items;

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.Array;

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public JsonValue this[int index] => _items[index];

    /// <summary>The items as a span, for loops on hot paths.</summary>
    public ReadOnlySpan<JsonValue> AsSpan() => _items;

    /// <summary>An array of copies of <paramref name="items"/>.</summary>
    public static JsonArray Create(params ReadOnlySpan<JsonValue> items) => items.IsEmpty ? Empty : new JsonArray(items.ToArray());

    /// <summary>An array of <paramref name="items"/>.</summary>
    public static JsonArray Create(IEnumerable<JsonValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        return array.Length == 0 ? Empty : new JsonArray(array);
    }

    /// <summary>Takes ownership of <paramref name="items"/>: the caller must never change the array again.</summary>
    public static JsonArray Wrap(JsonValue[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Length == 0 ? Empty : new JsonArray(items);
    }

    /// <summary>A slice of this array.</summary>
    public JsonArray Slice(int start, int length) =>
        start == 0 && length == _items.Length ? this : Wrap(_items.AsSpan(start, length).ToArray());

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var item in _items)
            item.WriteTo(writer);
        writer.WriteEndArray();
    }

    /// <inheritdoc />
    public override bool Equals(JsonValue? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is not JsonArray array || array._items.Length != _items.Length)
            return false;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(array._items[i]))
                return false;
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items)
            hash.Add(item.GetHashCode());
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<JsonValue> GetEnumerator() => ((IEnumerable<JsonValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
