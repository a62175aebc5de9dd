using System.Text.Json;
using System.Text.Json.Serialization;

namespace SageBuild.Engine.Api.Model;

/// <summary>Reads and writes an <see cref="IAwsEnumeration{TSelf}"/> as its wire string; any string reads, known or not.</summary>
/// <typeparam name="T">The enumeration type.</typeparam>
public sealed class AwsEnumerationJsonConverter<T> : JsonConverter<T>
    where T : struct, IAwsEnumeration<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? T.FromValue(reader.GetString()!)
            : throw new JsonException($"{reader.TokenType.ToWireKind()} can not be converted to an enumeration string");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
