using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Json;

/// <summary>Reads and writes ASL documents.</summary>
public static class AslJson
{
    /// <summary>Reads <paramref name="json"/>, collecting every schema problem with its pointer.</summary>
    public static AslReadResult Read(string json) => AslReader.Read(json);

    /// <summary>Reads an already parsed document.</summary>
    public static AslReadResult Read(JsonValue document) => AslReader.Read(document);

    /// <summary>Reads <paramref name="json"/>; throws <see cref="DefinitionException"/> listing every schema problem.</summary>
    public static StateMachineDefinition Parse(string json)
    {
        var result = AslReader.Read(json);
        return result.IsWellFormed ? result.Definition! : throw new DefinitionException(result.Errors);
    }

    /// <summary>The definition as a JSON value, keys in ASL's canonical order.</summary>
    public static JsonObject ToJsonValue(StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return AslWriter.Render(definition);
    }

    /// <summary>The definition as ASL text: deterministic, with a stable key order, indented by two spaces unless compact.</summary>
    public static string Write(StateMachineDefinition definition, bool indented = true) => ToJsonValue(definition).ToJson(indented);
}
