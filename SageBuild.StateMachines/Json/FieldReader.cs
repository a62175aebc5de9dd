using System.Globalization;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Json;

/// <summary>
/// Reads the fields of one JSON object, reporting a missing, mistyped or unknown field at its pointer
/// instead of throwing, so a reader can report every problem of a document at once.
/// </summary>
internal sealed class FieldReader
{
    private readonly JsonObject _object;
    private readonly List<DefinitionError> _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public FieldReader(JsonObject obj, string pointer, List<DefinitionError> errors)
    {
        _object = obj;
        Pointer = pointer;
        _errors = errors;
    }

    public string Pointer { get; }

    public string PointerTo(string field) => JsonPointer.Append(Pointer, field);

    public bool Has(string field) => _object.ContainsKey(field);

    public JsonValue? Value(string field)
    {
        _read.Add(field);
        return _object.TryGetValue(field, out var value) ? value : null;
    }

    public string? String(string field, bool required = false)
    {
        var value = Value(field);
        switch (value)
        {
            case null:
                if (required)
                    Error(Pointer, $"the field '{field}' is required");
                return null;
            case JsonString s:
                return s.Value;
            default:
                Error(PointerTo(field), $"'{field}' must be a string, not {Describe(value)}");
                return null;
        }
    }

    public NullablePath? NullablePath(string field)
    {
        var value = Value(field);
        switch (value)
        {
            case null:
                return null;
            case JsonNull:
                return Model.NullablePath.Null;
            case JsonString s:
                return new NullablePath(s.Value);
            default:
                Error(PointerTo(field), $"'{field}' must be a path string or null, not {Describe(value)}");
                return null;
        }
    }

    public bool Boolean(string field)
    {
        var value = Value(field);
        switch (value)
        {
            case null:
                return false;
            case JsonBoolean b:
                return b.Value;
            default:
                Error(PointerTo(field), $"'{field}' must be true or false, not {Describe(value)}");
                return false;
        }
    }

    public int? Integer(string field)
    {
        var value = Value(field);
        switch (value)
        {
            case null:
                return null;
            case JsonNumber n when n.IsInteger && n.Value is >= int.MinValue and <= int.MaxValue:
                return (int)n.Value;
            default:
                Error(PointerTo(field), $"'{field}' must be an integer, not {Describe(value)}");
                return null;
        }
    }

    public double? Number(string field)
    {
        var value = Value(field);
        switch (value)
        {
            case null:
                return null;
            case JsonNumber n:
                return n.Value;
            default:
                Error(PointerTo(field), $"'{field}' must be a number, not {Describe(value)}");
                return null;
        }
    }

    /// <summary>A number, or a string that a JSONata state gives as <c>{% ... %}</c>.</summary>
    public NumberOrJsonata? NumberOrJsonata(string field)
    {
        var value = Value(field);
        switch (value)
        {
            case null:
                return null;
            case JsonNumber n:
                return Model.NumberOrJsonata.Of(n.Value);
            case JsonString s:
                return Model.NumberOrJsonata.OfExpression(s.Value);
            default:
                Error(PointerTo(field), $"'{field}' must be a number or a JSONata expression, not {Describe(value)}");
                return null;
        }
    }

    public JsonObject? Object(string field, bool required = false)
    {
        var value = Value(field);
        switch (value)
        {
            case null:
                if (required)
                    Error(Pointer, $"the field '{field}' is required");
                return null;
            case JsonObject o:
                return o;
            default:
                Error(PointerTo(field), $"'{field}' must be an object, not {Describe(value)}");
                return null;
        }
    }

    public JsonArray? Array(string field, bool required = false)
    {
        var value = Value(field);
        switch (value)
        {
            case null:
                if (required)
                    Error(Pointer, $"the field '{field}' is required");
                return null;
            case JsonArray a:
                return a;
            default:
                Error(PointerTo(field), $"'{field}' must be an array, not {Describe(value)}");
                return null;
        }
    }

    public ValueList<string>? StringList(string field, bool required = false)
    {
        var array = Array(field, required);
        if (array is null)
            return null;
        var items = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonString s)
                items.Add(s.Value);
            else
                Error(JsonPointer.Append(PointerTo(field), i), $"must be a string, not {Describe(array[i])}");
        }

        return ValueList.From(items);
    }

    public TEnum? Enum<TEnum>(string field)
        where TEnum : struct, System.Enum
    {
        var text = String(field);
        if (text is null)
            return null;
        if (System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsAsciiDigit(text[0]))
            return parsed;
        Error(PointerTo(field), $"'{field}' must be one of {string.Join(", ", System.Enum.GetNames<TEnum>())}, not \"{text}\"");
        return null;
    }

    /// <summary>Reports every field that no reader method asked for.</summary>
    public void RejectUnknownFields(string owner)
    {
        foreach (var key in _object.Keys)
        {
            if (!_read.Contains(key))
                Error(PointerTo(key), $"'{key}' is not a field of {owner}");
        }
    }

    public void Error(string pointer, string message) =>
        _errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.SchemaValidationFailed, message));

    public static string Describe(JsonValue value) => value switch
    {
        JsonString s => $"the string \"{s.Value}\"",
        JsonNumber n => $"the number {n.ToText()}",
        JsonBoolean b => b.Value ? "true" : "false",
        JsonNull => "null",
        JsonArray => "an array",
        _ => "an object",
    };

    public static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
