using SageBuild.Functions.Configuration.Schema;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Configuration;

/// <summary>The published JSON Schema of the configuration document (checked in as <c>schemas/sagebuild-config.schema.json</c>).</summary>
public static class ConfigurationSchema
{
    /// <summary>The schema's file name under <c>schemas/</c>.</summary>
    public const string FileName = "sagebuild-config.schema.json";

    /// <summary>The schema, rendered from the same declaration the reader checks documents against.</summary>
    public static JsonObject Document { get; } = JsonSchemaWriter.Write(ConfigurationSpec.Document);

    /// <summary>The schema's text, as checked in.</summary>
    public static string ToText() => Document.ToJson(indented: true) + "\n";
}
