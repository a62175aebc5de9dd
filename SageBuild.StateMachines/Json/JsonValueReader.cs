using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SageBuild.StateMachines.Json;

/// <summary>Reads JSON text into <see cref="JsonValue"/>s with <see cref="Utf8JsonReader"/>.</summary>
internal static class JsonValueReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 512, CommentHandling = JsonCommentHandling.Disallow };

    public static JsonValue Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    public static JsonValue Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, Options);
        if (!reader.Read())
            throw new JsonException("the document is empty");
        var value = ReadValue(ref reader);
        if (reader.Read())
            throw new JsonException($"unexpected text after the JSON value at byte {reader.TokenStartIndex}");
        return value;
    }

    public static JsonValue FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ObjectFromElement(element),
        JsonValueKind.Array => JsonArray.Wrap([.. element.EnumerateArray().Select(FromElement)]),
        JsonValueKind.String => JsonString.From(element.GetString()!),
        JsonValueKind.Number => NumberFromText(element.GetRawText()),
        JsonValueKind.True => JsonBoolean.True,
        JsonValueKind.False => JsonBoolean.False,
        JsonValueKind.Null => JsonNull.Instance,
        _ => throw new ArgumentException("an undefined JsonElement has no JSON value", nameof(element)),
    };

    private static JsonObject ObjectFromElement(JsonElement element)
    {
        var builder = new JsonObjectBuilder();
        foreach (var property in element.EnumerateObject())
            builder.Set(property.Name, FromElement(property.Value));
        return builder.Build();
    }

    private static JsonValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var builder = new JsonObjectBuilder();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    builder.Set(key, ReadValue(ref reader));
                }

                return builder.Build();
            case JsonTokenType.StartArray:
                var items = new List<JsonValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader));
                return JsonArray.Wrap([.. items]);
            case JsonTokenType.String:
                return JsonString.From(reader.GetString()!);
            case JsonTokenType.Number:
                return NumberFromText(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
            case JsonTokenType.True:
                return JsonBoolean.True;
            case JsonTokenType.False:
                return JsonBoolean.False;
            case JsonTokenType.Null:
                return JsonNull.Instance;
            default:
                throw new JsonException($"unexpected {reader.TokenType} at byte {reader.TokenStartIndex}");
        }
    }

    private static JsonNumber NumberFromText(string text)
    {
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
            throw new JsonException($"the number {text} is out of range");
        return JsonNumber.FromLiteral(value, text);
    }
}
