using System.Text;

namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// <c>.name()</c> at the end of a path. Only <c>length()</c> has a value; AWS accepts the other Jayway function
/// names in a definition, and a path ending in one of them finds nothing at run time.
/// </summary>
/// <param name="Name">The function name, such as <c>length</c>.</param>
public sealed record FunctionSegment(string Name) : PathSegment
{
    /// <summary>The name of the one function that gives a value.</summary>
    public const string Length = "length";

    /// <inheritdoc />
    public override bool IsDefinite => true;

    internal override void Render(StringBuilder builder) => builder.Append('.').Append(Name).Append("()");
}
