using System.Text.Json;

namespace SageBuild.StateMachines.Json;

/// <summary>The JSON <c>null</c>; there is one instance.</summary>
public sealed class JsonNull : JsonValue
{
    /// <summary>The only instance.</summary>
    public static readonly JsonNull Instance = new();

    private JsonNull()
    {
    }

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.Null;

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteNullValue();

    /// <inheritdoc />
    public override bool Equals(JsonValue? other) => other is JsonNull;

    /// <inheritdoc />
    public override int GetHashCode() => 0x5eed;
}
