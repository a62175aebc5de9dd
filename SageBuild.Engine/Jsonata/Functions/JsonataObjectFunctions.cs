using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary>Object and boolean functions: <c>$keys $lookup $spread $merge $sift $each $error $assert $type $boolean $not $exists</c>.</summary>
internal static class JsonataObjectFunctions
{
    public static object? Keys(JsonataEvaluator evaluator, object? input, object?[] args) => KeysOf(args[0]);

    private static JsonataSequence KeysOf(object? value)
    {
        var result = JsonataSequence.Create();
        if (JsonataValues.IsArray(value))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in JsonataValues.Items(value))
            {
                foreach (var key in KeysOf(item))
                {
                    var name = ((JsonString)key!).Value;
                    if (seen.Add(name))
                        result.Add(key);
                }
            }
        }
        else
        {
            foreach (var (key, _) in JsonataValues.Properties(value))
                result.Add(JsonString.From(key));
        }

        return result;
    }

    public static object? Lookup(JsonataEvaluator evaluator, object? input, object?[] args) =>
        JsonataEvaluator.Lookup(args[0], ((JsonString)args[1]!).Value);

    public static object? Spread(JsonataEvaluator evaluator, object? input, object?[] args) => SpreadOf(args[0]);

    private static object? SpreadOf(object? value)
    {
        if (JsonataValues.IsArray(value))
        {
            object? result = JsonataSequence.Create();
            foreach (var item in JsonataValues.Items(value))
                result = JsonataArrayFunctions.Append(result, SpreadOf(item));
            return result;
        }

        if (JsonataValues.IsObject(value))
        {
            var result = JsonataSequence.Create();
            foreach (var (key, member) in JsonataValues.Properties(value))
                result.Add(new JsonataMap { [key] = member });
            return result;
        }

        return value;
    }

    public static object? Merge(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var result = new JsonataMap();
        foreach (var item in JsonataValues.Items(args[0]))
        {
            foreach (var (key, value) in JsonataValues.Properties(item))
                result[key] = value;
        }

        return result;
    }

    public static object? Sift(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        var function = args[1];
        var result = new JsonataMap();
        foreach (var (key, value) in JsonataValues.Properties(args[0]))
        {
            var res = evaluator.Apply(function, JsonataHigherOrderFunctions.Arguments(function, value, JsonString.From(key), args[0]), null);
            if (JsonataValues.IsTruthy(res))
                result[key] = value;
        }

        return result.Count == 0 ? null : result;
    }

    public static object? Each(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        var function = args[1];
        var result = JsonataSequence.Create();
        foreach (var (key, value) in JsonataValues.Properties(args[0]))
        {
            var res = evaluator.Apply(function, JsonataHigherOrderFunctions.Arguments(function, value, JsonString.From(key), args[0]), null);
            if (res is not null)
                result.Add(res);
        }

        return result;
    }

    public static object? Error(JsonataEvaluator evaluator, object? input, object?[] args) =>
        throw new JsonataRuntimeException("D3137", args.Length > 0 && args[0] is JsonString { Value.Length: > 0 } m ? m.Value : "$error() function evaluated");

    public static object? Assert(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is JsonBoolean { Value: true })
            return null;
        throw new JsonataRuntimeException("D3141", args.Length > 1 && args[1] is JsonString { Value.Length: > 0 } m ? m.Value : "$assert() statement failed");
    }

    public static object? Type(JsonataEvaluator evaluator, object? input, object?[] args) =>
        JsonataValues.TypeName(args[0]) is { } name ? JsonString.From(name) : null;

    public static object? Boolean(JsonataEvaluator evaluator, object? input, object?[] args) =>
        JsonataValues.ToBoolean(args[0]) is { } b ? JsonBoolean.From(b) : null;

    public static object? Not(JsonataEvaluator evaluator, object? input, object?[] args) =>
        JsonataValues.ToBoolean(args[0]) is { } b ? JsonBoolean.From(!b) : null;

    public static object? Exists(JsonataEvaluator evaluator, object? input, object?[] args) => JsonBoolean.From(args[0] is not null);

    /// <summary>A deep, mutable copy, as the transform operator needs: JSON.parse(JSON.stringify(value)).</summary>
    public static object? Clone(JsonataEvaluator evaluator, object? input, object?[] args) => DeepClone(args[0]);

    private static object? DeepClone(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonNumber n:
                return JsonNumber.From(JsNumber.ToPrecision15(n.Value));
            case JsonArray or JsonataSequence:
                var array = new JsonataSequence();
                foreach (var item in JsonataValues.Items(value))
                    array.Add(item is JsonataFunction or null ? JsonNull.Instance : DeepClone(item));
                return array;
            case JsonObject or JsonataMap:
                var map = new JsonataMap();
                foreach (var (key, member) in JsonataValues.Properties(value))
                {
                    if (member is JsonataFunction)
                        map[key] = JsonString.Empty;
                    else if (member is not null)
                        map[key] = DeepClone(member);
                }

                return map;
            case JsonataFunction:
                return JsonString.Empty;
            default:
                return value;
        }
    }
}
