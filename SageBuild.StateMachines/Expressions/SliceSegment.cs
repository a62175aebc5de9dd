using System.Globalization;
using System.Text;

namespace SageBuild.StateMachines.Expressions;

/// <summary><c>[start:end:step]</c>: a range of array items, end exclusive; negative bounds count from the end.</summary>
/// <param name="Start">The first index, or null for the start (the end when the step is negative).</param>
/// <param name="End">The index after the last, or null for the end (the start when the step is negative).</param>
/// <param name="Step">The stride, or null for 1.</param>
public sealed record SliceSegment(int? Start, int? End, int? Step) : PathSegment
{
    /// <inheritdoc />
    public override bool IsDefinite => false;

    internal override void Render(StringBuilder builder)
    {
        builder.Append('[');
        if (Start is { } start)
            builder.Append(start.ToString(CultureInfo.InvariantCulture));
        builder.Append(':');
        if (End is { } end)
            builder.Append(end.ToString(CultureInfo.InvariantCulture));
        if (Step is { } step)
            builder.Append(':').Append(step.ToString(CultureInfo.InvariantCulture));
        builder.Append(']');
    }
}
