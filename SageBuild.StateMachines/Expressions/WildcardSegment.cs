using System.Text;

namespace SageBuild.StateMachines.Expressions;

/// <summary><c>.*</c> or <c>[*]</c>: every member of an object or item of an array, in order.</summary>
public sealed record WildcardSegment : PathSegment
{
    /// <summary>The only instance.</summary>
    public static readonly WildcardSegment Instance = new();

    private WildcardSegment()
    {
    }

    /// <inheritdoc />
    public override bool IsDefinite => false;

    internal override void Render(StringBuilder builder) => builder.Append("[*]");
}
