using System.Text;

namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// <c>[?(expression)]</c>: the items of an array for which the expression holds. As in Jayway, applied to an
/// object it tests the object itself.
/// </summary>
public sealed record FilterSegment : PathSegment
{
    internal FilterSegment(string text, FilterExpression filter)
    {
        Text = text;
        Filter = filter;
    }

    /// <summary>The expression as written between <c>?(</c> and <c>)</c>.</summary>
    public string Text { get; }

    /// <summary>The parsed expression.</summary>
    internal FilterExpression Filter { get; }

    /// <inheritdoc />
    public override bool IsDefinite => false;

    internal override void Render(StringBuilder builder) => builder.Append("[?(").Append(Text).Append(")]");

    /// <inheritdoc />
    public bool Equals(FilterSegment? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);
}
