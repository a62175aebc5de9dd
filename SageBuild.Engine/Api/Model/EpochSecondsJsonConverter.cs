using System.Text.Json;
using System.Text.Json.Serialization;

namespace SageBuild.Engine.Api.Model;

/// <summary>
/// Timestamps as the awsJson protocols send them: seconds since the Unix epoch, as a number with up to millisecond
/// fractions (<c>1700000000.123</c>).
/// </summary>
public sealed class EpochSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw new JsonException($"{reader.TokenType.ToWireKind()} can not be converted to a Timestamp");
        var seconds = reader.GetDecimal();
        return DateTimeOffset.UnixEpoch.AddMilliseconds((double)decimal.Round(seconds * 1000m, 0, MidpointRounding.AwayFromZero));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000m);
    }
}
