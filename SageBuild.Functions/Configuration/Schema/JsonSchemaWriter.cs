using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Configuration.Schema;

/// <summary>Renders the configuration's specs as a JSON Schema (draft 2020-12), the one published under <c>schemas/</c>.</summary>
internal static class JsonSchemaWriter
{
    public const string SchemaId = "https://sagebuild.dev/schemas/sagebuild-config.schema.json";

    public static JsonObject Write(ObjectSpec document) => new JsonObjectBuilder()
        .Set("$schema", "https://json-schema.org/draft/2020-12/schema")
        .Set("$id", SchemaId)
        .Set("title", "SageBuild pipeline configuration")
        .Set("description", document.Description)
        .Set("type", "object")
        .Set("properties", Properties(document))
        .SetIfNotNull("required", Required(document))
        .Set("additionalProperties", false)
        .Build();

    private static JsonObject Properties(ObjectSpec spec) =>
        JsonObject.Create(spec.Fields.Select(f => new KeyValuePair<string, JsonValue>(f.Name, Value(f.Value))));

    private static JsonArray? Required(ObjectSpec spec)
    {
        var required = spec.Fields.Where(f => f.IsRequired).Select(f => (JsonValue)f.Name).ToArray();
        return required.Length == 0 ? null : JsonArray.Create(required);
    }

    private static JsonObject Value(ValueSpec spec)
    {
        var o = new JsonObjectBuilder();
        if (spec.Description.Length > 0)
            o.Set("description", spec.Description);
        JsonValue type = spec.Kind switch
        {
            SpecKind.String => "string",
            SpecKind.Integer => "integer",
            SpecKind.Number => "number",
            SpecKind.Boolean => "boolean",
            SpecKind.Array => "array",
            SpecKind.Scalar => JsonArray.Create("string", "number", "boolean"),
            _ => "object",
        };
        o.Set("type", spec.IsNullable ? JsonArray.Create(type is JsonArray a ? a.Append(JsonValue.FromString("null")) : [type, JsonValue.FromString("null")]) : type);
        if (spec.Enum is { } choices)
            o.Set("enum", JsonArray.Create(choices.Select(c => (JsonValue)c)));
        if (spec.Minimum is { } min)
            o.Set("minimum", min);
        if (spec.Maximum is { } max)
            o.Set("maximum", max);
        if (spec.MinLength is { } minLength)
            o.Set("minLength", minLength);
        if (spec.MaxLength is { } maxLength)
            o.Set("maxLength", maxLength);
        if (spec.Pattern is { } pattern)
            o.Set("pattern", pattern);
        if (spec.Kind == SpecKind.Array)
        {
            o.Set("items", Value(spec.Items!));
            if (spec.MinItems is { } minItems)
                o.Set("minItems", minItems);
            if (spec.MaxItems is { } maxItems)
                o.Set("maxItems", maxItems);
        }

        if (spec.Kind == SpecKind.Map)
        {
            o.Set("additionalProperties", Value(spec.Items!));
            if (spec.MaxItems is { } maxEntries)
                o.Set("maxProperties", maxEntries);
        }

        if (spec.Kind == SpecKind.Object)
        {
            o.Set("properties", Properties(spec.Object!));
            if (Required(spec.Object!) is { } required)
                o.Set("required", required);
            o.Set("additionalProperties", false);
        }

        if (spec.Default is { } value)
            o.Set("default", value);
        return o.Build();
    }
}
