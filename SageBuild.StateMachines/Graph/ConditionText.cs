using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Graph;

/// <summary>A Choice rule's condition as a short line of text for an edge label.</summary>
internal static class ConditionText
{
    private const int MaxLength = 60;

    public static string Describe(Condition condition)
    {
        var text = Text(condition);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }

    private static string Text(Condition condition) => condition switch
    {
        ComparisonCondition c => $"{c.Variable} {c.Operator} {Value(c.Value)}",
        AndCondition and => string.Join(" and ", and.Operands.Select(Operand)),
        OrCondition or => string.Join(" or ", or.Operands.Select(Operand)),
        NotCondition not => "not " + Operand(not.Operand),
        JsonataCondition jsonata => jsonata.Expression,
        _ => condition.GetType().Name,
    };

    private static string Operand(Condition condition) =>
        condition is AndCondition or OrCondition ? $"({Text(condition)})" : Text(condition);

    private static string Value(JsonValue value) => value is JsonString s ? s.Value : value.ToJson();
}
