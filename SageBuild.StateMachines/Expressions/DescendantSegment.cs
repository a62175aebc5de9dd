using System.Text;

namespace SageBuild.StateMachines.Expressions;

/// <summary><c>..selector</c>: applies <see cref="Selector"/> to a node and to every node below it, in document order.</summary>
/// <param name="Selector">The segment applied at every level.</param>
public sealed record DescendantSegment(PathSegment Selector) : PathSegment
{
    /// <inheritdoc />
    public override bool IsDefinite => false;

    internal override void Render(StringBuilder builder)
    {
        builder.Append("..");
        Selector.Render(builder);
    }
}
