using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation;

/// <summary>One family of checks. The validator runs every rule and reports all their errors together.</summary>
internal interface IDefinitionRule
{
    /// <summary>Adds an error to <paramref name="errors"/> for each problem of <paramref name="definition"/>.</summary>
    void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors);
}
