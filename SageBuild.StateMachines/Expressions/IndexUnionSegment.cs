using System.Globalization;
using System.Text;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Expressions;

/// <summary><c>[0,2,-1]</c>: several items of an array, in the order written.</summary>
/// <param name="Indexes">The indexes; negative ones count from the end.</param>
public sealed record IndexUnionSegment(ValueList<int> Indexes) : PathSegment
{
    /// <inheritdoc />
    public override bool IsDefinite => false;

    internal override void Render(StringBuilder builder)
    {
        builder.Append('[');
        for (var i = 0; i < Indexes.Count; i++)
        {
            if (i > 0)
                builder.Append(',');
            builder.Append(Indexes[i].ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(']');
    }
}
