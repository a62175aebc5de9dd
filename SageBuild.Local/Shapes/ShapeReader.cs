using System.Globalization;
using System.Text.Json;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Shapes;

/// <summary>
/// Reads an AWS request shape (PascalCase fields, as Step Functions passes them) and refuses a wrong one with a
/// <see cref="ServiceException"/> that names the field by its path, such as <c>InputDataConfig[1].ChannelName</c>.
/// </summary>
internal readonly struct ShapeReader
{
    private readonly string _path;

    public ShapeReader(JsonValue value, string path)
    {
        _path = path;
        Value = value as JsonObject ?? throw ServiceException.Invalid($"{Describe(path)} must be an object, not {KindName(value)}");
    }

    public JsonObject Value { get; }

    /// <summary>This object's path in the request, such as <c>InputDataConfig[1]</c>.</summary>
    public string Location => _path;

    public string Path(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    public bool Has(string key) => Value.TryGetValue(key, out var v) && !v.IsNull;

    public string RequiredString(string key) =>
        OptionalString(key) ?? throw ServiceException.Invalid($"{Path(key)} is required");

    public string? OptionalString(string key) =>
        Get(key) switch
        {
            null => null,
            JsonString s => s.Value,
            var other => throw ServiceException.Invalid($"{Path(key)} must be a string, not {KindName(other)}"),
        };

    public string? OptionalName(string key, int maxLength = 63)
    {
        var name = OptionalString(key);
        return name is null ? null : CheckName(name, Path(key), maxLength);
    }

    public string RequiredName(string key, int maxLength = 63) => CheckName(RequiredString(key), Path(key), maxLength);

    public long? OptionalInteger(string key, long min = long.MinValue, long max = long.MaxValue)
    {
        var value = Get(key);
        if (value is null)
            return null;
        long number;
        if (value is JsonNumber n && n.TryGetInt64(out var whole))
            number = whole;
        else if (value is JsonString s && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            number = parsed; // Step Functions accepts numbers written as strings for integer members too.
        else
            throw ServiceException.Invalid($"{Path(key)} must be an integer, not {value}");
        return number < min || number > max
            ? throw ServiceException.Invalid($"{Path(key)} must be between {min} and {max}, not {number}")
            : number;
    }

    public double? OptionalNumber(string key)
    {
        var value = Get(key);
        return value switch
        {
            null => null,
            JsonNumber n => n.Value,
            JsonString s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw ServiceException.Invalid($"{Path(key)} must be a number, not {value}"),
        };
    }

    public bool? OptionalBoolean(string key) =>
        Get(key) switch
        {
            null => null,
            JsonBoolean b => b.Value,
            var other => throw ServiceException.Invalid($"{Path(key)} must be true or false, not {other}"),
        };

    public ShapeReader RequiredObject(string key) =>
        OptionalObject(key) ?? throw ServiceException.Invalid($"{Path(key)} is required");

    public ShapeReader? OptionalObject(string key)
    {
        var value = Get(key);
        return value is null ? null : new ShapeReader(value, Path(key));
    }

    public IReadOnlyList<ShapeReader> ObjectList(string key)
    {
        var value = Get(key);
        if (value is null)
            return [];
        if (value is not JsonArray array)
            throw ServiceException.Invalid($"{Path(key)} must be a list, not {KindName(value)}");
        var items = new List<ShapeReader>(array.Count);
        for (var i = 0; i < array.Count; i++)
            items.Add(new ShapeReader(array[i], $"{Path(key)}[{i}]"));
        return items;
    }

    public IReadOnlyList<string> StringList(string key)
    {
        var value = Get(key);
        if (value is null)
            return [];
        if (value is not JsonArray array)
            throw ServiceException.Invalid($"{Path(key)} must be a list of strings, not {KindName(value)}");
        var items = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
            items.Add(array[i] is JsonString s ? s.Value : throw ServiceException.Invalid($"{Path(key)}[{i}] must be a string, not {KindName(array[i])}"));
        return items;
    }

    /// <summary>A map of strings, such as HyperParameters or Environment: every value must be a string, as the API requires.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var value = Get(key);
        if (value is null)
            return new Dictionary<string, string>();
        if (value is not JsonObject map)
            throw ServiceException.Invalid($"{Path(key)} must be a map of strings, not {KindName(value)}");
        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (name, item) in map)
        {
            result[name] = item is JsonString s
                ? s.Value
                : throw ServiceException.Invalid($"{Path(key)}.{name} must be a string, not {item} (the API takes every value of this map as a string)");
        }

        return result;
    }

    public T OptionalEnum<T>(string key, T defaultValue, params (string Name, T Value)[] values)
    {
        var text = OptionalString(key);
        if (text is null)
            return defaultValue;
        foreach (var (name, value) in values)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
                return value;
        }

        throw ServiceException.Invalid($"{Path(key)} must be one of {string.Join(", ", values.Select(v => v.Name))}, not '{text}'");
    }

    private JsonValue? Get(string key) => Value.TryGetValue(key, out var v) && !v.IsNull ? v : null;

    private static string CheckName(string name, string path, int maxLength)
    {
        // SageMaker's resource-name pattern: letters, digits and single or repeated hyphens, not at either end.
        // It also keeps names safe as directory names.
        if (name.Length == 0 || name.Length > maxLength || !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1])
            || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw ServiceException.Invalid(
                $"{path} '{name}' is not a valid name: use 1 to {maxLength} letters, digits and hyphens, starting and ending with a letter or digit");
        }

        return name;
    }

    private static string Describe(string path) => path.Length == 0 ? "the request" : path;

    private static string KindName(JsonValue value) => value.Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
