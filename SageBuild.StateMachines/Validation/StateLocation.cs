using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation;

/// <summary>A state as the validator meets it: where it is, which graph holds it, and its effective query language.</summary>
/// <param name="Pointer">The state's JSON pointer, such as <c>/States/Map/ItemProcessor/States/Inner</c>.</param>
/// <param name="Name">The state's name.</param>
/// <param name="State">The state.</param>
/// <param name="Graph">The graph the state belongs to: transitions stay inside it.</param>
/// <param name="GraphPointer">The JSON pointer of <paramref name="Graph"/> (empty for the top level).</param>
/// <param name="QueryLanguage">The state's own QueryLanguage, else the definition's, else JSONPath.</param>
public sealed record StateLocation(string Pointer, string Name, State State, StateGraph Graph, string GraphPointer, QueryLanguage QueryLanguage)
{
    /// <summary>The pointer of one of the state's fields.</summary>
    public string PointerTo(string field) => JsonPointer.Append(Pointer, field);
}
