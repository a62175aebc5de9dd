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
        new Expressions.ExpressionSyntaxRule(),
        new Rules.FieldCombinationRule(),
        new Rules.RangeRule(),
        new Rules.StateNameRule(),
        new Rules.MapLabelRule(),
        new Rules.ChoiceStateRule(),
        new Rules.ErrorHandlingRule(),
        new Rules.ResourceRule(),
        new Rules.DistributedMapRule(),
        new JsonataRule(),
    ];

    // Rules that follow transitions need every state. The reader leaves out a state whose Type it cannot read,
    // and each transition to that state would be reported again as a misleading "names no state", so these
    // rules run once the schema holds (AWS also reports schema failures before graph problems).
    private static readonly IDefinitionRule[] GraphRules =
    [
        new Rules.TransitionTargetRule(),
        new Rules.ReachabilityRule(),
    ];

    /// <summary>
    /// Validates ASL text: schema problems first, then the rules (which run only on a readable model; the
    /// rules that follow transitions only once the schema holds).
    /// </summary>
    public static IReadOnlyList<DefinitionError> Validate(string json)
    {
        var read = AslJson.Read(json);
        if (read.Definition is null)
            return read.Errors;
        var errors = new List<DefinitionError>(read.Errors);
        foreach (var rule in read.Errors.Count == 0 ? Rules.Concat(GraphRules) : Rules)
            rule.Check(read.Definition, errors);
        return errors;
    }

    /// <summary>Validates a model, such as one the builders produced.</summary>
    public static IReadOnlyList<DefinitionError> Validate(StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DefinitionError>();
        foreach (var rule in Rules.Concat(GraphRules))
            rule.Check(definition, errors);
        return errors;
    }
}
