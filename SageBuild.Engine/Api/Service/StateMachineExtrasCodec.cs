using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Protocol;

namespace SageBuild.Engine.Api.Service;

/// <summary>
/// <see cref="StateMachineExtras"/> as the JSON the engine stores for the service (<see cref="WorkflowEngine.SaveStateMachineAttributes"/>),
/// so that a state machine's definition text, tags, revision, dates, logging and tracing survive a restart.
/// </summary>
internal static class StateMachineExtrasCodec
{
    private static JsonTypeInfo<LoggingConfiguration> Logging => (JsonTypeInfo<LoggingConfiguration>)StepFunctionsJson.Options.GetTypeInfo(typeof(LoggingConfiguration));

    private static JsonTypeInfo<TracingConfiguration> Tracing => (JsonTypeInfo<TracingConfiguration>)StepFunctionsJson.Options.GetTypeInfo(typeof(TracingConfiguration));

    public static string Write(StateMachineExtras extras)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("definition", extras.Definition);
            json.WriteNumber("creationDate", extras.CreationDate.UtcTicks);
            json.WriteStartObject("tags");
            foreach (var (key, value) in extras.Tags)
                json.WriteString(key, value);
            json.WriteEndObject();
            if (extras.RevisionId is { } revision)
                json.WriteString("revisionId", revision);
            if (extras.UpdateDate is { } updated)
                json.WriteNumber("updateDate", updated.UtcTicks);
            if (extras.LoggingConfiguration is { } logging)
            {
                json.WritePropertyName("loggingConfiguration");
                JsonSerializer.Serialize(json, logging, Logging);
            }

            if (extras.TracingConfiguration is { } tracing)
            {
                json.WritePropertyName("tracingConfiguration");
                JsonSerializer.Serialize(json, tracing, Tracing);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The extras stored as <paramref name="text"/>; throws InvalidOperationException naming the machine when the text is not what <see cref="Write"/> makes.</summary>
    public static StateMachineExtras Read(string stateMachineArn, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return new StateMachineExtras(root.GetProperty("definition").GetString()!, new DateTimeOffset(root.GetProperty("creationDate").GetInt64(), TimeSpan.Zero))
            {
                Tags = root.GetProperty("tags").EnumerateObject().ToImmutableSortedDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
                RevisionId = root.TryGetProperty("revisionId", out var revision) ? revision.GetString() : null,
                UpdateDate = root.TryGetProperty("updateDate", out var updated) ? new DateTimeOffset(updated.GetInt64(), TimeSpan.Zero) : null,
                LoggingConfiguration = root.TryGetProperty("loggingConfiguration", out var logging) ? logging.Deserialize(Logging) : null,
                TracingConfiguration = root.TryGetProperty("tracingConfiguration", out var tracing) ? tracing.Deserialize(Tracing) : null,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"the stored attributes of the state machine '{stateMachineArn}' cannot be read: {e.Message}", e);
        }
    }
}
