using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>One compiled segment of an indefinite path: it hands each node it selects to the next step.</summary>
internal abstract class PathSelector
{
    public abstract void Apply(JsonValue node, PathEvaluator walker, int next, JsonValue root, List<JsonValue> matches);

    public static PathSelector Compile(PathSegment segment, bool isLast) => segment switch
    {
        PropertySegment p => new PropertySelector(p.Name),
        IndexSegment i => new IndexSelector([i.Index]),
        IndexUnionSegment u => new IndexSelector([.. u.Indexes]),
        PropertyUnionSegment u => new PropertyUnionSelector([.. u.Names], merge: isLast),
        WildcardSegment => WildcardSelector.Instance,
        SliceSegment s => new SliceSelector(s.Start, s.End, s.Step ?? 1),
        FilterSegment f => new FilterSelector(FilterPredicate.Compile(f.Filter)),
        DescendantSegment d => new DescendantSelector(Compile(d.Selector, isLast)),
        FunctionSegment f => throw new FormatException($"the function {f.Name}() can only end a path"),
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, "unknown path segment"),
    };

    private sealed class PropertySelector(string name) : PathSelector
    {
        public override void Apply(JsonValue node, PathEvaluator walker, int next, JsonValue root, List<JsonValue> matches)
        {
            if (node is JsonObject obj && obj.TryGetValue(name, out var child))
                walker.Walk(child, next, root, matches);
        }
    }

    private sealed class IndexSelector(int[] indexes) : PathSelector
    {
        public override void Apply(JsonValue node, PathEvaluator walker, int next, JsonValue root, List<JsonValue> matches)
        {
            if (node is not JsonArray array)
                return;
            foreach (var index in indexes)
            {
                var i = index < 0 ? array.Count + index : index;
                if ((uint)i < (uint)array.Count)
                    walker.Walk(array[i], next, root, matches);
            }
        }
    }

    /// <summary>At the end of a path Jayway merges the named properties into one object; elsewhere it visits each.</summary>
    private sealed class PropertyUnionSelector(string[] names, bool merge) : PathSelector
    {
        public override void Apply(JsonValue node, PathEvaluator walker, int next, JsonValue root, List<JsonValue> matches)
        {
            if (node is not JsonObject obj)
                return;
            if (!merge)
            {
                foreach (var name in names)
                {
                    if (obj.TryGetValue(name, out var child))
                        walker.Walk(child, next, root, matches);
                }

                return;
            }

            var builder = new JsonObjectBuilder(names.Length);
            foreach (var name in names)
            {
                if (obj.TryGetValue(name, out var child))
                    builder.Set(name, child);
            }

            walker.Walk(builder.Build(), next, root, matches);
        }
    }

    private sealed class WildcardSelector : PathSelector
    {
        public static readonly WildcardSelector Instance = new();

        public override void Apply(JsonValue node, PathEvaluator walker, int next, JsonValue root, List<JsonValue> matches)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var member in obj.AsSpan())
                        walker.Walk(member.Value, next, root, matches);
                    break;
                case JsonArray array:
                    foreach (var item in array.AsSpan())
                        walker.Walk(item, next, root, matches);
                    break;
            }
        }
    }

    /// <summary>Python-style slices: negative bounds count from the end, and the bounds are clamped.</summary>
    private sealed class SliceSelector(int? start, int? end, int step) : PathSelector
    {
        public override void Apply(JsonValue node, PathEvaluator walker, int next, JsonValue root, List<JsonValue> matches)
        {
            if (node is not JsonArray array)
                return;
            var count = array.Count;
            if (step > 0)
            {
                var from = Clamp(start ?? 0, count, 0, count);
                var to = Clamp(end ?? count, count, 0, count);
                for (var i = from; i < to; i += step)
                    walker.Walk(array[i], next, root, matches);
            }
            else
            {
                var from = Clamp(start ?? count - 1, count, -1, count - 1);
                var to = end is { } e ? Clamp(e, count, -1, count - 1) : -1;
                for (var i = from; i > to; i += step)
                    walker.Walk(array[i], next, root, matches);
            }
        }

        private static int Clamp(int bound, int count, int min, int max)
        {
            var i = bound < 0 ? bound + count : bound;
            return Math.Clamp(i, min, max);
        }
    }

    /// <summary>Jayway applies a filter to each item of an array, and to an object itself.</summary>
    private sealed class FilterSelector(FilterPredicate predicate) : PathSelector
    {
        public override void Apply(JsonValue node, PathEvaluator walker, int next, JsonValue root, List<JsonValue> matches)
        {
            switch (node)
            {
                case JsonArray array:
                    foreach (var item in array.AsSpan())
                    {
                        if (predicate.Test(item, root))
                            walker.Walk(item, next, root, matches);
                    }

                    break;
                case JsonObject obj when predicate.Test(obj, root):
                    walker.Walk(obj, next, root, matches);
                    break;
            }
        }
    }

    /// <summary><c>..</c>: the inner selector at this node and at every node below it, in document order.</summary>
    private sealed class DescendantSelector(PathSelector inner) : PathSelector
    {
        public override void Apply(JsonValue node, PathEvaluator walker, int next, JsonValue root, List<JsonValue> matches)
        {
            inner.Apply(node, walker, next, root, matches);
            switch (node)
            {
                case JsonObject obj:
                    foreach (var member in obj.AsSpan())
                        Apply(member.Value, walker, next, root, matches);
                    break;
                case JsonArray array:
                    foreach (var item in array.AsSpan())
                        Apply(item, walker, next, root, matches);
                    break;
            }
        }
    }
}
