using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>
/// Walks an indefinite path depth first and collects its matches in document order. As in Jayway with AWS's
/// settings, a step that does not apply (a missing property, an index out of range, a slice of an object) drops
/// that branch instead of failing, so an indefinite path with no match gives an empty array.
/// </summary>
internal sealed class PathEvaluator
{
    private readonly PathSelector[] _selectors;

    public PathEvaluator(ReadOnlySpan<PathSegment> segments)
    {
        _selectors = new PathSelector[segments.Length];
        for (var i = 0; i < segments.Length; i++)
            _selectors[i] = PathSelector.Compile(segments[i], isLast: i == segments.Length - 1);
    }

    /// <summary>Adds every match of the path from <paramref name="start"/>; <paramref name="root"/> is what <c>$</c> means in filters.</summary>
    public void Evaluate(JsonValue start, JsonValue root, List<JsonValue> matches) => Walk(start, 0, root, matches);

    /// <summary>Continues the walk at <paramref name="step"/> from <paramref name="node"/>.</summary>
    public void Walk(JsonValue node, int step, JsonValue root, List<JsonValue> matches)
    {
        if (step == _selectors.Length)
        {
            matches.Add(node);
            return;
        }

        _selectors[step].Apply(node, this, step + 1, root, matches);
    }
}
