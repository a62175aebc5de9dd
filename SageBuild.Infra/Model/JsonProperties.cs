using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Model;

/// <summary>Turns JSON values (a state machine definition, an IAM policy) into program values.</summary>
public static class JsonProperties
{
    /// <summary>
    /// <paramref name="json"/> as a program value. Each string is read with <see cref="Interpolation.Parse"/>, so the
    /// placeholders <paramref name="resolve"/> knows become references and every other <c>$</c> stays literal.
    /// </summary>
    public static PropertyValue From(JsonValue json, Func<string, Interpolation?> resolve)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(resolve);
        return json switch
        {
            JsonString s => new TextValue(Interpolation.Parse(s.Value, resolve)),
            JsonNumber n => new NumberValue(n.ToText()),
            JsonBoolean b => PropertyValue.Boolean(b.Value),
            JsonNull => PropertyValue.Null,
            JsonArray a => new ListValue(a.Select(item => From(item, resolve))),
            JsonObject o => new MapValue(o.Select(p => new KeyValuePair<string, PropertyValue>(CheckKey(p.Key), From(p.Value, resolve)))),
            _ => throw new ArgumentException($"unknown JSON value {json.GetType().Name}", nameof(json)),
        };
    }

    /// <summary><paramref name="json"/> as a program value with no placeholders: every string is literal.</summary>
    public static PropertyValue Literal(JsonValue json) => From(json, _ => null);

    // Pulumi YAML reads a map whose key starts with fn:: as a function call, so such a key can't be data.
    private static string CheckKey(string key) => key.StartsWith("fn::", StringComparison.OrdinalIgnoreCase)
        ? throw new ArgumentException($"the JSON key '{key}' would be read by Pulumi YAML as a built-in function call")
        : key;
}
