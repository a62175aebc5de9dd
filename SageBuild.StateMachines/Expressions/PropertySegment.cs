using System.Text;

namespace SageBuild.StateMachines.Expressions;

/// <summary><c>.name</c> or <c>['name']</c>: one property of an object.</summary>
/// <param name="Name">The property name.</param>
public sealed record PropertySegment(string Name) : PathSegment
{
    /// <inheritdoc />
    public override bool IsDefinite => true;

    internal override void Render(StringBuilder builder)
    {
        builder.Append('[');
        RenderName(builder, Name);
        builder.Append(']');
    }
}
