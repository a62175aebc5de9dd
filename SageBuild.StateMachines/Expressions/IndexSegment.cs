using System.Globalization;
using System.Text;

namespace SageBuild.StateMachines.Expressions;

/// <summary><c>[n]</c>: one item of an array; a negative index counts from the end.</summary>
/// <param name="Index">The index.</param>
public sealed record IndexSegment(int Index) : PathSegment
{
    /// <inheritdoc />
    public override bool IsDefinite => true;

    internal override void Render(StringBuilder builder) =>
        builder.Append('[').Append(Index.ToString(CultureInfo.InvariantCulture)).Append(']');
}
