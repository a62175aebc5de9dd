using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers.Core;

/// <summary>The managed runtime's <c>Stream</c> in and out, as the repository's JSON values (no serializer package needed).</summary>
internal static class LambdaStreams
{
    public static async Task<JsonValue> ReadAsync(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken);
        return buffer.Length == 0 ? JsonObject.Empty : JsonValue.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static Stream Write(JsonValue result) => new MemoryStream(Encoding.UTF8.GetBytes(result.ToJson()), writable: false);
}
