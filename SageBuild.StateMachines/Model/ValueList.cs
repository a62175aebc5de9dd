using System.Collections;
using System.Runtime.CompilerServices;

namespace SageBuild.StateMachines.Model;

/// <summary>
/// An immutable list with structural equality, so that records holding lists compare by content:
/// a definition parsed twice from the same JSON is equal to itself.
/// </summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    /// <summary>The empty list.</summary>
    public static readonly ValueList<T> Empty = new([]);

    private readonly T[] _items;

    internal ValueList(T[] items) => _items = items;

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <summary>The items as a span.</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <summary>A copy of this list with <paramref name="item"/> appended.</summary>
    public ValueList<T> Add(T item) => new([.. _items, item]);

    public static implicit operator ValueList<T>(T[] items) => ValueList.Create<T>(items);

    public static implicit operator ValueList<T>(List<T> items) => ValueList.Create<T>(items.ToArray());

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is null || other._items.Length != _items.Length)
            return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i]))
                return false;
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
            hash.Add(item);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", _items)}]";
}

/// <summary>Factory for <see cref="ValueList{T}"/>; it backs collection expressions.</summary>
public static class ValueList
{
    /// <summary>A list of copies of <paramref name="items"/>.</summary>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => items.IsEmpty ? ValueList<T>.Empty : new ValueList<T>(items.ToArray());

    /// <summary>A list of <paramref name="items"/>.</summary>
    public static ValueList<T> From<T>(IEnumerable<T> items) => Create<T>(items.ToArray());
}
