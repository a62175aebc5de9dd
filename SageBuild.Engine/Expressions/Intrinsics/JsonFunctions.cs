using System.Text.Json;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions.Intrinsics;

/// <summary>States.StringToJson, JsonToString and JsonMerge.</summary>
internal static class JsonFunctions
{
    /// <summary>Parses the text; blank text gives null, as recorded against AWS.</summary>
    public static JsonValue StringToJson(IntrinsicArguments args, IEvaluationScope scope)
    {
        var text = args.String(0);
        if (string.IsNullOrWhiteSpace(text))
            return JsonNull.Instance;
        try
        {
            return JsonValue.Parse(text);
        }
        catch (JsonException e)
        {
            throw args.Fail($"the argument is not JSON text: {e.Message}");
        }
    }

    public static JsonValue JsonToString(IntrinsicArguments args, IEvaluationScope scope) => JsonString.From(args[0].ToJson());

    /// <summary>A shallow merge: the second object's keys replace the first's. AWS has no deep mode, so the flag must be false.</summary>
    public static JsonValue JsonMerge(IntrinsicArguments args, IEvaluationScope scope)
    {
        var first = args.Object(0);
        var second = args.Object(1);
        if (args.Boolean(2))
            throw args.Fail("deep merging is not supported; the third argument must be false");
        if (first.Count == 0)
            return second;
        var builder = new JsonObjectBuilder(first.Count + second.Count);
        foreach (var (key, value) in first.AsSpan())
            builder.Set(key, value);
        foreach (var (key, value) in second.AsSpan())
            builder.Set(key, value);
        return builder.Build();
    }
}
