using System.Globalization;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers.Core;

/// <summary>Reading the events Step Functions sends: values at dotted paths, with clear errors naming the missing field.</summary>
internal static class JsonRead
{
    public static JsonValue? At(JsonValue? value, string path)
    {
        var current = value;
        foreach (var part in path.Split('.'))
        {
            if (current is not JsonObject o || !o.TryGetValue(part, out var next))
                return null;
            current = next;
        }

        return current is null || current.IsNull ? null : current;
    }

    public static JsonObject Object(JsonValue? value, string path) => At(value, path) as JsonObject ?? throw Missing(path, "an object");

    public static JsonObject? ObjectOrNull(JsonValue? value, string path) => At(value, path) as JsonObject;

    public static string String(JsonValue? value, string path) => StringOrNull(value, path) ?? throw Missing(path, "a string");

    public static string? StringOrNull(JsonValue? value, string path) => At(value, path) switch
    {
        JsonString s => s.Value,
        JsonNumber n => n.ToText(),
        _ => null,
    };

    public static double? NumberOrNull(JsonValue? value, string path) => At(value, path) switch
    {
        JsonNumber n => n.Value,
        JsonString s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static long BuildNumber(JsonValue? input)
    {
        var text = StringOrNull(input, "build.id") ?? throw Missing("build.id", "the build number");
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"build.id must be a positive whole number, not '{text}'");
    }

    public static bool Flag(JsonValue? value, string path) => At(value, path) is JsonBoolean { Value: true };

    public static JsonArray Array(JsonValue? value, string path) => At(value, path) as JsonArray ?? JsonArray.Empty;

    private static ArgumentException Missing(string path, string what) => new($"the event has no {what} at '{path}'");
}
