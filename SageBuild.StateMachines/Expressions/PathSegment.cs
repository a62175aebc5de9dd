using System.Text;

namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// One step of a <see cref="JsonPath"/> after its root. A closed family: property, index, slice, wildcard, union,
/// recursive descent, filter and function segments.
/// </summary>
public abstract record PathSegment
{
    private protected PathSegment()
    {
    }

    /// <summary>Whether the segment selects at most one node from one node.</summary>
    public abstract bool IsDefinite { get; }

    /// <summary>Appends the segment in Jayway's normalised bracket form, as AWS prints paths in its errors.</summary>
    internal abstract void Render(StringBuilder builder);

    /// <summary>Quotes a property name the way Jayway prints it: <c>['name']</c>.</summary>
    private protected static void RenderName(StringBuilder builder, string name) => builder.Append('\'').Append(name).Append('\'');
}
