using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>
/// Explains why a definite path found nothing, after Jayway JsonPath, whose messages AWS quotes in its errors:
/// <c>No results for path: $['a']['b']</c> when the last step misses (recorded from AWS), <c>Missing property in
/// path $['a']</c> when a step on the way does (Jayway's wording). Only called on the failure path, so it may allocate.
/// </summary>
internal static class PathMessages
{
    public static string DescribeMiss(JsonPath path, JsonValue root)
    {
        var segments = path.Segments;
        var current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var isLast = i == segments.Count - 1;
            switch (segments[i])
            {
                case PropertySegment property:
                    if (current is not JsonObject obj)
                    {
                        return $"Expected to find an object with property ['{property.Name}'] in path {path.ToNormalizedString(i)} but found {Describe(current)}";
                    }

                    if (!obj.TryGetValue(property.Name, out var child))
                        return isLast ? NoResults(path) : $"Missing property in path {path.ToNormalizedString(i + 1)}";
                    current = child;
                    break;
                case IndexSegment index:
                    if (current is not JsonArray array)
                        return $"Filter: [{index.Index}] can only be applied to arrays. Current context is: {current.ToJson()}";
                    var at = index.Index < 0 ? array.Count + index.Index : index.Index;
                    if ((uint)at >= (uint)array.Count)
                        return NoResults(path);
                    current = array[at];
                    break;
                case FunctionSegment function when function.Name != FunctionSegment.Length:
                    return $"Function with name: {function.Name} does not exist.";
                default:
                    return NoResults(path);
            }
        }

        return NoResults(path);
    }

    private static string NoResults(JsonPath path) => $"No results for path: {path.ToNormalizedString()}";

    private static string Describe(JsonValue value) => value switch
    {
        JsonArray => "an array",
        JsonString => "a string",
        JsonNumber => "a number",
        JsonBoolean => "a boolean",
        _ => "null",
    };
}
