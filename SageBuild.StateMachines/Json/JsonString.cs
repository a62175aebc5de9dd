using System.Text.Json;

namespace SageBuild.StateMachines.Json;

/// <summary>A JSON string.</summary>
public sealed class JsonString : JsonValue
{
    /// <summary>The empty string.</summary>
    public static readonly JsonString Empty = new(string.Empty);

    private JsonString(string value) => Value = value;

    /// <summary>The text.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.String;

    /// <summary>A string value; the empty string is shared.</summary>
    public static JsonString From(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? Empty : new JsonString(value);
    }

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

    /// <inheritdoc />
    public override bool Equals(JsonValue? other) => other is JsonString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
