using System.Globalization;
using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Runtime;

/// <summary>
/// The evaluator's value model. A value is null (JSONata's <em>undefined</em>), a <see cref="JsonValue"/>, a
/// <see cref="JsonataSequence"/>, a <see cref="JsonataMap"/> or a <see cref="JsonataFunction"/>. Input data is never
/// copied: JSON arrays and objects are read in place and only values the expression builds are new.
/// </summary>
internal static class JsonataValues
{
    public static bool IsArray(object? value) => value is JsonArray or JsonataSequence;

    public static bool IsObject(object? value) => value is JsonObject or JsonataMap;

    public static bool IsNumber(object? value) => value is JsonNumber;

    public static bool IsString(object? value) => value is JsonString;

    public static bool IsInteger(object? value) => value is JsonNumber n && Math.Floor(n.Value) == n.Value && !double.IsInfinity(n.Value);

    public static JsonNumber Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new JsonataRuntimeException("D1001", JsonString.From(JsNumber.ToString(value)));
        return JsonNumber.From(value);
    }

    public static JsonString String(string value) => JsonString.From(value);

    public static int Count(object? array) => array switch
    {
        JsonArray a => a.Count,
        JsonataSequence s => s.Count,
        _ => 0,
    };

    public static object? Item(object? array, int index) => array switch
    {
        JsonArray a => a[index],
        JsonataSequence s => s[index],
        _ => null,
    };

    /// <summary>The items of an array value (or the value itself as a one-item list).</summary>
    public static IReadOnlyList<object?> Items(object? value) => value switch
    {
        JsonataSequence s => s,
        JsonArray a => new JsonArrayView(a),
        null => [],
        _ => [value],
    };

    public static IEnumerable<(string Key, object? Value)> Properties(object? value)
    {
        switch (value)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                    yield return (k, v);
                break;
            case JsonataMap m:
                foreach (var k in m.Keys.ToArray())
                    yield return (k, m[k]);
                break;
        }
    }

    public static int PropertyCount(object? value) => value switch
    {
        JsonObject o => o.Count,
        JsonataMap m => m.Count,
        _ => 0,
    };

    public static bool TryGetProperty(object? value, string key, out object? result)
    {
        switch (value)
        {
            case JsonObject o when o.TryGetValue(key, out var v):
                result = v;
                return true;
            case JsonataMap m when m.TryGetValue(key, out var mv):
                result = mv;
                return true;
            default:
                result = null;
                return false;
        }
    }

    /// <summary>JSONata's <c>$boolean</c> cast; undefined stays undefined (null here).</summary>
    public static bool? ToBoolean(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonBoolean b:
                return b.Value;
            case JsonString s:
                return s.Value.Length > 0;
            case JsonNumber n:
                return n.Value != 0;
            case JsonNull:
                return false;
            case JsonArray or JsonataSequence:
                var count = Count(value);
                if (count == 0)
                    return false;
                if (count == 1)
                    return ToBoolean(Item(value, 0));
                for (var i = 0; i < count; i++)
                {
                    if (ToBoolean(Item(value, i)) == true)
                        return true;
                }

                return false;
            case JsonObject or JsonataMap:
                return PropertyCount(value) > 0;
            default:
                return false;
        }
    }

    public static bool IsTruthy(object? value) => ToBoolean(value) == true;

    /// <summary>JSONata's deep equality: by value for scalars, by members for arrays and objects.</summary>
    public static bool DeepEquals(object? left, object? right)
    {
        if (ReferenceEquals(left, right))
            return true;
        if (left is null || right is null)
            return false;
        if (IsArray(left) && IsArray(right))
        {
            var count = Count(left);
            if (count != Count(right))
                return false;
            for (var i = 0; i < count; i++)
            {
                if (!DeepEquals(Item(left, i), Item(right, i)))
                    return false;
            }

            return true;
        }

        if (IsObject(left) && IsObject(right))
        {
            if (PropertyCount(left) != PropertyCount(right))
                return false;
            foreach (var (key, value) in Properties(left))
            {
                if (!TryGetProperty(right, key, out var other) || !DeepEquals(value, other))
                    return false;
            }

            return true;
        }

        return left switch
        {
            JsonNumber a => right is JsonNumber b && a.Value == b.Value,
            JsonString a => right is JsonString b && string.Equals(a.Value, b.Value, StringComparison.Ordinal),
            JsonBoolean a => right is JsonBoolean b && a.Value == b.Value,
            JsonNull => right is JsonNull,
            _ => false,
        };
    }

    /// <summary>
    /// Converts a result to JSON. Functions have no JSON form: inside an object the key is dropped and inside an array
    /// the item becomes null, as JSON.stringify does; a function at the top level is the caller's to reject.
    /// </summary>
    public static JsonValue? ToJson(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonValue json:
                return json;
            case JsonataSequence sequence:
                // As JSON.stringify: an undefined or function item becomes null.
                var items = new JsonValue[sequence.Count];
                for (var i = 0; i < items.Length; i++)
                    items[i] = ToJson(sequence[i]) ?? JsonNull.Instance;
                return JsonArray.Wrap(items);
            case JsonataMap map:
                var builder = new JsonObjectBuilder(map.Count);
                foreach (var key in map.Keys)
                {
                    var v = map[key];
                    if (v is null or JsonataFunction)
                        continue;
                    builder.Set(key, ToJson(v)!);
                }

                return builder.Build();
            case JsonataFunction:
                return null;
            default:
                throw new InvalidOperationException($"not a JSONata value: {value.GetType().Name}");
        }
    }

    /// <summary>JSONata's type name: undefined is null here.</summary>
    public static string? TypeName(object? value) => value switch
    {
        null => null,
        JsonNull => "null",
        JsonNumber => "number",
        JsonString => "string",
        JsonBoolean => "boolean",
        JsonArray or JsonataSequence => "array",
        JsonataFunction => "function",
        _ => "object",
    };

    /// <summary>
    /// JSON.stringify as JSONata's <c>$string</c> uses it: numbers rounded to 15 significant digits, functions as "",
    /// undefined members dropped, and optionally indented by two spaces.
    /// </summary>
    public static string Stringify(object? value, bool prettify, bool forMessage = false)
    {
        var builder = new StringBuilder();
        Write(builder, value, prettify, 0, forMessage);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, bool prettify, int depth, bool forMessage)
    {
        switch (value)
        {
            case null:
                builder.Append(forMessage ? "undefined" : "null");
                return;
            case JsonNull:
                builder.Append("null");
                return;
            case JsonBoolean b:
                builder.Append(b.Value ? "true" : "false");
                return;
            case JsonNumber n:
                // $string rounds away binary noise (0.1 + 0.2), but only in numbers that are not whole.
                var isWhole = Math.Floor(n.Value) == n.Value;
                builder.Append(forMessage || isWhole ? JsNumber.ToString(n.Value) : JsNumber.ToString(JsNumber.ToPrecision15(n.Value)));
                return;
            case JsonString s:
                WriteString(builder, s.Value);
                return;
            case JsonataFunction:
                builder.Append(forMessage ? "{}" : "\"\"");
                return;
            case JsonArray or JsonataSequence:
                var count = Count(value);
                builder.Append('[');
                for (var i = 0; i < count; i++)
                {
                    if (i > 0)
                        builder.Append(',');
                    NewLine(builder, prettify, depth + 1);
                    var item = Item(value, i);
                    Write(builder, item, prettify, depth + 1, forMessage && item is not null);
                }

                if (count > 0)
                    NewLine(builder, prettify, depth);
                builder.Append(']');
                return;
            default:
                builder.Append('{');
                var first = true;
                foreach (var (key, member) in Properties(value))
                {
                    if (member is null)
                        continue;
                    if (!first)
                        builder.Append(',');
                    first = false;
                    NewLine(builder, prettify, depth + 1);
                    WriteString(builder, key);
                    builder.Append(prettify ? ": " : ":");
                    Write(builder, member, prettify, depth + 1, forMessage);
                }

                if (!first)
                    NewLine(builder, prettify, depth);
                builder.Append('}');
                return;
        }
    }

    private static void NewLine(StringBuilder builder, bool prettify, int depth)
    {
        if (!prettify)
            return;
        builder.Append('\n').Append(' ', depth * 2);
    }

    /// <summary>A JSON string literal, escaped as JSON.stringify escapes it.</summary>
    public static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || (char.IsSurrogate(c) && !IsPairedSurrogate(text, i)))
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }

    private static bool IsPairedSurrogate(string text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) : i > 0 && char.IsHighSurrogate(text[i - 1]);

    /// <summary>A read-only view of a JSON array as runtime values.</summary>
    private sealed class JsonArrayView(JsonArray array) : IReadOnlyList<object?>
    {
        public int Count => array.Count;

        public object? this[int index] => array[index];

        public IEnumerator<object?> GetEnumerator()
        {
            foreach (var item in array)
                yield return item;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
