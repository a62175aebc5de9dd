using System.Globalization;
using System.Text.RegularExpressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Configuration.Schema;

/// <summary>Checks a JSON document against a <see cref="ValueSpec"/> and reports every problem with its dotted key.</summary>
internal static class SpecValidator
{
    public static void Validate(JsonValue value, ValueSpec spec, string key, List<ConfigurationError> errors)
    {
        if (value.IsNull)
        {
            if (!spec.IsNullable)
                errors.Add(new(key, $"must be {Describe(spec)}, not null"));
            return;
        }

        switch (spec.Kind)
        {
            case SpecKind.String:
                if (value is not JsonString s)
                {
                    errors.Add(new(key, $"must be a string, not {Kind(value)}"));
                    return;
                }

                CheckString(s.Value, spec, key, errors);
                break;
            case SpecKind.Integer or SpecKind.Number:
                if (value is not JsonNumber n || (spec.Kind == SpecKind.Integer && !n.IsInteger))
                {
                    errors.Add(new(key, $"must be {Describe(spec)}, not {Kind(value)}"));
                    return;
                }

                if (spec.Minimum is { } min && n.Value < min)
                    errors.Add(new(key, $"must be ≥ {Format(min)}"));
                if (spec.Maximum is { } max && n.Value > max)
                    errors.Add(new(key, $"must be ≤ {Format(max)}"));
                break;
            case SpecKind.Boolean:
                if (value is not JsonBoolean)
                    errors.Add(new(key, $"must be true or false, not {Kind(value)}"));
                break;
            case SpecKind.Scalar:
                if (value is not (JsonString or JsonNumber or JsonBoolean))
                    errors.Add(new(key, $"must be a string, number or boolean, not {Kind(value)}"));
                else if (value is JsonString text)
                    CheckString(text.Value, spec, key, errors);
                break;
            case SpecKind.Array:
                if (value is not JsonArray array)
                {
                    errors.Add(new(key, $"must be a list, not {Kind(value)}"));
                    return;
                }

                if (spec.MinItems is { } least && array.Count < least)
                    errors.Add(new(key, least == 1 ? "must not be empty" : $"must have at least {least} items"));
                if (spec.MaxItems is { } most && array.Count > most)
                    errors.Add(new(key, $"must have at most {most} items, not {array.Count}"));
                for (var i = 0; i < array.Count; i++)
                    Validate(array[i], spec.Items!, $"{key}[{i}]", errors);
                break;
            case SpecKind.Map:
                if (value is not JsonObject map)
                {
                    errors.Add(new(key, $"must be an object, not {Kind(value)}"));
                    return;
                }

                if (spec.MaxItems is { } maxKeys && map.Count > maxKeys)
                    errors.Add(new(key, $"must have at most {maxKeys} entries, not {map.Count}"));
                foreach (var (name, item) in map)
                    Validate(item, spec.Items!, Join(key, name), errors);
                break;
            case SpecKind.FreeObject:
                if (value is not JsonObject)
                    errors.Add(new(key, $"must be an object, not {Kind(value)}"));
                break;
            case SpecKind.Object:
                if (value is not JsonObject o)
                {
                    errors.Add(new(key, $"must be an object, not {Kind(value)}"));
                    return;
                }

                ValidateObject(o, spec.Object!, key, errors);
                break;
        }
    }

    public static void ValidateObject(JsonObject o, ObjectSpec spec, string key, List<ConfigurationError> errors)
    {
        foreach (var field in spec.Fields)
        {
            if (o.TryGetValue(field.Name, out var fieldValue))
                Validate(fieldValue, field.Value, Join(key, field.Name), errors);
            else if (field.IsRequired)
                errors.Add(new(Join(key, field.Name), "is required"));
        }

        foreach (var (name, _) in o)
        {
            if (spec.Field(name) is not null)
                continue;
            var close = spec.Fields.Select(f => f.Name).FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase) || Distance(f, name) <= 2);
            errors.Add(new(Join(key, name), close is null
                ? $"is not a known key (known: {string.Join(", ", spec.Fields.Select(f => f.Name))})"
                : $"is not a known key; did you mean '{close}'?"));
        }
    }

    public static string Join(string key, string name) => key.Length == 0 ? name : $"{key}.{name}";

    private static void CheckString(string text, ValueSpec spec, string key, List<ConfigurationError> errors)
    {
        if (spec.Enum is { } choices && !choices.Contains(text, StringComparer.Ordinal))
        {
            var close = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            errors.Add(new(key, close is null
                ? $"must be one of {string.Join(", ", choices)}, not '{text}'"
                : $"must be one of {string.Join(", ", choices)}, not '{text}' (did you mean '{close}'?)"));
        }

        if (spec.MinLength is { } minLength && text.Length < minLength)
            errors.Add(new(key, minLength == 1 ? "must not be empty" : $"must have at least {minLength} characters"));
        if (spec.MaxLength is { } maxLength && text.Length > maxLength)
            errors.Add(new(key, $"must have at most {maxLength} characters, not {text.Length}"));
        if (spec.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            errors.Add(new(key, $"must be {spec.PatternDescription ?? "of the form " + pattern}, not '{text}'"));
    }

    private static string Describe(ValueSpec spec) => spec.Kind switch
    {
        SpecKind.Integer => "a whole number",
        SpecKind.Number => "a number",
        SpecKind.String => "a string",
        SpecKind.Boolean => "true or false",
        SpecKind.Array => "a list",
        SpecKind.Scalar => "a string, number or boolean",
        _ => "an object",
    };

    private static string Kind(JsonValue value) => value switch
    {
        JsonString s => $"the string '{s.Value}'",
        JsonNumber n => $"the number {n.ToText()}",
        JsonBoolean b => b.Value ? "true" : "false",
        JsonArray => "a list",
        JsonObject => "an object",
        _ => "null",
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
