using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SageBuild.StateMachines.Json;

/// <summary>Writes <see cref="JsonValue"/>s as JSON text.</summary>
internal static class JsonValueWriter
{
    // Step Functions does not escape '<', '>', '&' or non-ASCII text, and neither do we: the output stays readable.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true, MaxDepth = 1024 };
    private static readonly JsonWriterOptions Indented = Compact with { Indented = true, IndentSize = 2 };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static string ToJson(JsonValue value, bool indented)
    {
        var buffer = Rent();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
            value.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static int Utf8Length(JsonValue value)
    {
        var buffer = Rent();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
            value.WriteTo(writer);
        return buffer.WrittenCount;
    }

    /// <summary>Options for callers that write values into their own <see cref="Utf8JsonWriter"/>.</summary>
    public static JsonWriterOptions WriterOptions(bool indented) => indented ? Indented : Compact;

    private static ArrayBufferWriter<byte> Rent()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        return buffer;
    }
}
