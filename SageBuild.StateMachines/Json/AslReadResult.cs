using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Json;

/// <summary>What reading a document gave: the model when it could be built, and every schema problem found.</summary>
/// <param name="Definition">The definition, or null when the document is not JSON or lacks its skeleton.</param>
/// <param name="Errors">The problems, each with its JSON pointer; empty when the schema holds.</param>
public sealed record AslReadResult(StateMachineDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
{
    /// <summary>Whether the document is JSON that fits the ASL schema.</summary>
    public bool IsWellFormed => Definition is not null && Errors.Count == 0;

    /// <summary>Whether the text was not JSON at all.</summary>
    public bool IsNotJson => Errors.Count == 1 && Errors[0].Code == DefinitionErrorCodes.InvalidJson;
}
