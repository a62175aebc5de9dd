using System.Diagnostics.CodeAnalysis;
using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>What a definite path does after its steps.</summary>
internal enum PathTail
{
    None,
    Length,
    MergeNames,
    Unsupported,
}

/// <summary>
/// One step of a definite path: a property name or an array index. A path made only of these compiles to an
/// array of steps that <see cref="PathExpression"/> runs in a loop without allocating.
/// </summary>
internal readonly struct PathStep
{
    private readonly string? _name;
    private readonly int _index;

    private PathStep(string? name, int index)
    {
        _name = name;
        _index = index;
    }

    /// <summary>Takes one step from <paramref name="current"/>; false when the property or item is not there.</summary>
    public bool TryApply(JsonValue current, [MaybeNullWhen(false)] out JsonValue next)
    {
        if (_name is not null)
        {
            if (current is JsonObject obj)
                return obj.TryGetValue(_name, out next);
            next = null;
            return false;
        }

        if (current is JsonArray array)
        {
            var i = _index < 0 ? array.Count + _index : _index;
            if ((uint)i < (uint)array.Count)
            {
                next = array[i];
                return true;
            }
        }

        next = null;
        return false;
    }

    /// <summary>Compiles the segments when the path is definite; false when it needs the general evaluator.</summary>
    public static bool TryCompile(IReadOnlyList<PathSegment> segments, [NotNullWhen(true)] out PathStep[]? steps, out PathTail tail, out string[]? mergedNames)
    {
        steps = null;
        mergedNames = null;
        tail = PathTail.None;
        var count = segments.Count;
        if (count > 0)
        {
            switch (segments[^1])
            {
                case FunctionSegment function:
                    tail = function.Name == FunctionSegment.Length ? PathTail.Length : PathTail.Unsupported;
                    count--;
                    break;
                case PropertyUnionSegment union:
                    tail = PathTail.MergeNames;
                    mergedNames = [.. union.Names];
                    count--;
                    break;
            }
        }

        var compiled = new PathStep[count];
        for (var i = 0; i < count; i++)
        {
            switch (segments[i])
            {
                case PropertySegment property:
                    compiled[i] = new PathStep(property.Name, 0);
                    break;
                case IndexSegment index:
                    compiled[i] = new PathStep(null, index.Index);
                    break;
                default:
                    tail = PathTail.None;
                    mergedNames = null;
                    return false;
            }
        }

        steps = compiled;
        return true;
    }
}
