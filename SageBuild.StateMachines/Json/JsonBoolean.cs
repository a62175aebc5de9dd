using System.Text.Json;

namespace SageBuild.StateMachines.Json;

/// <summary><c>true</c> or <c>false</c>; there are two instances.</summary>
public sealed class JsonBoolean : JsonValue
{
    /// <summary>The JSON <c>true</c>.</summary>
    public static readonly JsonBoolean True = new(true);

    /// <summary>The JSON <c>false</c>.</summary>
    public static readonly JsonBoolean False = new(false);

    private JsonBoolean(bool value) => Value = value;

    /// <summary>The value.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override JsonValueKind Kind => Value ? JsonValueKind.True : JsonValueKind.False;

    /// <summary>The shared instance for <paramref name="value"/>.</summary>
    public static JsonBoolean From(bool value) => value ? True : False;

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteBooleanValue(Value);

    /// <inheritdoc />
    public override bool Equals(JsonValue? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => Value ? 1 : 2;
}
