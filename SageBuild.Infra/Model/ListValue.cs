using System.Collections.Immutable;

namespace SageBuild.Infra.Model;

/// <summary>A list of values, compared item by item.</summary>
public sealed record ListValue : PropertyValue
{
    /// <summary>A list of <paramref name="items"/>.</summary>
    public ListValue(IEnumerable<PropertyValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = [.. items];
    }

    /// <summary>The items.</summary>
    public ImmutableArray<PropertyValue> Items { get; }

    /// <inheritdoc />
    public override IEnumerable<Reference> References() => Items.SelectMany(i => i.References());

    /// <inheritdoc />
    public bool Equals(ListValue? other) => other is not null && Items.SequenceEqual(other.Items);

    /// <inheritdoc />
    public override int GetHashCode() => Items.Aggregate(Items.Length, (h, i) => HashCode.Combine(h, i));
}
