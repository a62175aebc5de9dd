using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>
/// The configuration objects of a distributed Map: a DISTRIBUTED processor names its child ExecutionType;
/// ReaderConfig and WriterConfig hold only the fields AWS defines, with their allowed values; a ResultWriter
/// says where to write (Resource) or how (WriterConfig), and has Parameters only with a Resource.
/// </summary>
internal sealed class DistributedMapRule : IDefinitionRule
{
    private static readonly Dictionary<string, string[]?> ReaderConfigFields = new(StringComparer.Ordinal)
    {
        ["InputType"] = ["CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"],
        ["CSVHeaderLocation"] = ["FIRST_ROW", "GIVEN"],
        ["CSVDelimiter"] = ["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"],
        ["ManifestType"] = ["ATHENA_DATA", "S3_INVENTORY"],
        ["CSVHeaders"] = null,
        ["MaxItems"] = null,
        ["MaxItemsPath"] = null,
    };

    private static readonly Dictionary<string, string[]?> WriterConfigFields = new(StringComparer.Ordinal)
    {
        ["OutputType"] = ["JSON", "JSONL"],
        ["Transformation"] = ["NONE", "COMPACT", "FLATTEN"],
    };

    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        foreach (var location in DefinitionWalker.States(definition))
        {
            if (location.State is not MapState map)
                continue;
            var processorField = map.ItemProcessor is not null ? "ItemProcessor" : "Iterator";
            if (map.Processor?.ProcessorConfig is { Mode: ProcessorMode.DISTRIBUTED, ExecutionType: null })
            {
                Add(errors, JsonPointer.Append(location.PointerTo(processorField), "ProcessorConfig"),
                    "a DISTRIBUTED processor runs each batch as a child execution, so its ProcessorConfig names the 'ExecutionType': STANDARD or EXPRESS");
            }

            if (map.ItemReader?.ReaderConfig is { } readerConfig)
                CheckReaderConfig(readerConfig, JsonPointer.Append(location.PointerTo("ItemReader"), "ReaderConfig"), errors);
            if (map.ResultWriter is { } writer)
                CheckResultWriter(writer, location.PointerTo("ResultWriter"), errors);
        }
    }

    private static void CheckReaderConfig(JsonObject config, string pointer, ICollection<DefinitionError> errors)
    {
        CheckFields(config, pointer, "a ReaderConfig", ReaderConfigFields, errors);
        if (config.TryGetValue("CSVHeaders", out var headers) && (headers is not JsonArray array || array.Any(h => h is not JsonString)))
            Add(errors, JsonPointer.Append(pointer, "CSVHeaders"), "CSVHeaders is an array of column names (strings)");
        if (config.TryGetValue("CSVHeaderLocation", out var where) && where is JsonString { Value: "GIVEN" } && !config.ContainsKey("CSVHeaders"))
            Add(errors, pointer, "with \"CSVHeaderLocation\": \"GIVEN\" the column names come from 'CSVHeaders', which is missing");
        if (config.TryGetValue("MaxItemsPath", out var maxItemsPath) && maxItemsPath is not JsonString)
            Add(errors, JsonPointer.Append(pointer, "MaxItemsPath"), $"MaxItemsPath is a reference path string, not {FieldReader.Describe(maxItemsPath)}");
        if (config.TryGetValue("MaxItems", out var maxItems) && maxItems is not (JsonNumber or JsonString))
            Add(errors, JsonPointer.Append(pointer, "MaxItems"), $"MaxItems is a number, not {FieldReader.Describe(maxItems)}");
    }

    private static void CheckResultWriter(ResultWriter writer, string pointer, ICollection<DefinitionError> errors)
    {
        if (writer.Resource is null && writer.WriterConfig is null)
            Add(errors, pointer, "a ResultWriter needs a 'Resource' (arn:aws:states:::s3:putObject) or a 'WriterConfig'");
        if (writer.Resource is null && (writer.Parameters is not null || writer.Arguments is not null))
            Add(errors, pointer, "a ResultWriter's Parameters or Arguments say where its Resource writes, so they need a 'Resource'");
        if (writer.WriterConfig is { } config)
            CheckFields(config, JsonPointer.Append(pointer, "WriterConfig"), "a WriterConfig", WriterConfigFields, errors);
    }

    private static void CheckFields(JsonObject config, string pointer, string owner, Dictionary<string, string[]?> fields, ICollection<DefinitionError> errors)
    {
        foreach (var (key, value) in config)
        {
            if (!fields.TryGetValue(key, out var allowed))
            {
                Add(errors, JsonPointer.Append(pointer, key), $"'{key}' is not a field of {owner}; its fields are {string.Join(", ", fields.Keys)}");
                continue;
            }

            if (allowed is not null && (value is not JsonString s || !allowed.Contains(s.Value, StringComparer.Ordinal)))
                Add(errors, JsonPointer.Append(pointer, key), $"'{key}' is one of {string.Join(", ", allowed)}, not {FieldReader.Describe(value)}");
        }
    }

    private static void Add(ICollection<DefinitionError> errors, string pointer, string message) =>
        errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.SchemaValidationFailed, message));
}
