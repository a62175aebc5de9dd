using System.Text;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// <c>['a','b']</c>: several properties. As in Jayway, at the end of a path it gives one object holding those of
/// the properties that exist; inside a path it visits each in turn.
/// </summary>
/// <param name="Names">The property names, in order.</param>
public sealed record PropertyUnionSegment(ValueList<string> Names) : PathSegment
{
    /// <inheritdoc />
    public override bool IsDefinite => false;

    internal override void Render(StringBuilder builder)
    {
        builder.Append('[');
        for (var i = 0; i < Names.Count; i++)
        {
            if (i > 0)
                builder.Append(',');
            RenderName(builder, Names[i]);
        }

        builder.Append(']');
    }
}
