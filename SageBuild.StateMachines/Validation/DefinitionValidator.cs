using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation;

/// <summary>
/// Checks a definition statically and reports every problem at once, each with its JSON pointer:
/// the schema (while reading), then each <see cref="IDefinitionRule"/>.
/// </summary>
public static class DefinitionValidator
{
    private static readonly IDefinitionRule[] Rules =
    [
        // Rules are added here as they are written; each is independent of the others.
        new JsonataRule(),
    ];

    /// <summary>Validates ASL text: schema problems first, then the rules (which run only on a readable model).</summary>
    public static IReadOnlyList<DefinitionError> Validate(string json)
    {
        var read = AslJson.Read(json);
        if (read.Definition is null)
            return read.Errors;
        var errors = new List<DefinitionError>(read.Errors);
        errors.AddRange(Validate(read.Definition));
        return errors;
    }

    /// <summary>Validates a model, such as one the builders produced.</summary>
    public static IReadOnlyList<DefinitionError> Validate(StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DefinitionError>();
        foreach (var rule in Rules)
            rule.Check(definition, errors);
        return errors;
    }
}
