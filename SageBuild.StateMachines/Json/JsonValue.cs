using System.Text.Json;

namespace SageBuild.StateMachines.Json;

/// <summary>
/// An immutable JSON value. State data, payload templates and results are all held in this form,
/// so any number of executions can share one instance without copying: a mutable DOM node can have
/// only one parent, which would turn every reuse into a deep clone.
/// </summary>
/// <remarks>
/// Equality is structural: numbers compare by value, objects ignore key order, arrays do not.
/// </remarks>
public abstract class JsonValue : IEquatable<JsonValue>
{
    private protected JsonValue()
    {
    }

    /// <summary>The JSON type of this value (never <see cref="JsonValueKind.Undefined"/>).</summary>
    public abstract JsonValueKind Kind { get; }

    /// <summary>The JSON <c>null</c>.</summary>
    public static JsonValue Null => JsonNull.Instance;

    /// <summary>Parses one JSON document. Throws <see cref="JsonException"/> with a line and position on bad input.</summary>
    public static JsonValue Parse(string json) => JsonValueReader.Parse(json);

    /// <summary>Parses one JSON document from UTF-8 bytes.</summary>
    public static JsonValue Parse(ReadOnlySpan<byte> utf8Json) => JsonValueReader.Parse(utf8Json);

    /// <summary>Converts a <see cref="JsonElement"/>; the result does not depend on the element's document.</summary>
    public static JsonValue FromElement(JsonElement element) => JsonValueReader.FromElement(element);

    /// <summary>Whether this is the JSON <c>null</c>.</summary>
    public bool IsNull => Kind == JsonValueKind.Null;

    /// <summary>Writes this value.</summary>
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>Serialises this value, compactly or indented by two spaces.</summary>
    public string ToJson(bool indented = false) => JsonValueWriter.ToJson(this, indented);

    /// <summary>The number of UTF-8 bytes of the compact serialisation; used for payload limits.</summary>
    public int Utf8Length() => JsonValueWriter.Utf8Length(this);

    /// <summary>The compact JSON text of this value.</summary>
    public override string ToString() => ToJson();

    /// <inheritdoc />
    public abstract bool Equals(JsonValue? other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JsonValue other && Equals(other);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    public static bool operator ==(JsonValue? left, JsonValue? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(JsonValue? left, JsonValue? right) => !(left == right);

    public static implicit operator JsonValue(string value) => JsonString.From(value);

    public static implicit operator JsonValue(bool value) => JsonBoolean.From(value);

    public static implicit operator JsonValue(double value) => JsonNumber.From(value);

    public static implicit operator JsonValue(long value) => JsonNumber.From(value);

    public static implicit operator JsonValue(int value) => JsonNumber.From(value);

    /// <summary>Named alternative to the implicit conversion from <see cref="string"/>.</summary>
    public static JsonValue FromString(string value) => JsonString.From(value);
}
