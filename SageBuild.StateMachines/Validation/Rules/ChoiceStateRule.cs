using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>
/// Choice states are well formed: at least one rule, and every comparison's value of the type its operator
/// compares (String* a string, Numeric* a number, Boolean* a boolean, Timestamp* an RFC 3339 timestamp,
/// Is* a boolean, and every <c>…Path</c> operator and Variable a path). A nested rule carrying Next is
/// reported by the reader, which knows the document's shape.
/// </summary>
internal sealed class ChoiceStateRule : IDefinitionRule
{
    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        foreach (var location in DefinitionWalker.States(definition))
        {
            if (location.State is not ChoiceState choice)
                continue;
            var choices = location.PointerTo("Choices");
            if (choice.Choices.Count == 0)
            {
                errors.Add(new DefinitionError(choices, DefinitionErrorCodes.InvalidChoiceRule,
                    "a Choice state needs at least one rule in 'Choices'; to go on unconditionally, use a Pass state"));
            }

            for (var i = 0; i < choice.Choices.Count; i++)
                CheckCondition(choice.Choices[i].Condition, JsonPointer.Append(choices, i), errors);
        }
    }

    private static void CheckCondition(Condition condition, string pointer, ICollection<DefinitionError> errors)
    {
        switch (condition)
        {
            case ComparisonCondition comparison:
                CheckComparison(comparison, pointer, errors);
                break;
            case AndCondition and:
                for (var i = 0; i < and.Operands.Count; i++)
                    CheckCondition(and.Operands[i], JsonPointer.Append(JsonPointer.Append(pointer, "And"), i), errors);
                break;
            case OrCondition or:
                for (var i = 0; i < or.Operands.Count; i++)
                    CheckCondition(or.Operands[i], JsonPointer.Append(JsonPointer.Append(pointer, "Or"), i), errors);
                break;
            case NotCondition not:
                CheckCondition(not.Operand, JsonPointer.Append(pointer, "Not"), errors);
                break;
        }
    }

    private static void CheckComparison(ComparisonCondition comparison, string pointer, ICollection<DefinitionError> errors)
    {
        // The syntax of Variable and of a …Path operand is the expression-syntax rule's to check; this rule checks types.
        var name = comparison.Operator.ToString();
        var problem = comparison.Operator.OperandKind() switch
        {
            OperandKind.Path => comparison.Value is JsonString
                ? null
                : $"'{name}' compares with the value at another path, so it takes a path string such as \"$.limit\", not {Describe(comparison.Value)}",
            OperandKind.String => comparison.Value is JsonString ? null : $"'{name}' compares strings, so its value is a string, not {Describe(comparison.Value)}",
            OperandKind.Number => comparison.Value is JsonNumber ? null : $"'{name}' compares numbers, so its value is a number, not {Describe(comparison.Value)}",
            OperandKind.Boolean when comparison.Operator.IsTypeTest() => comparison.Value is JsonBoolean
                ? null
                : $"'{name}' is a type test whose value is true or false, not {Describe(comparison.Value)}",
            OperandKind.Boolean => comparison.Value is JsonBoolean ? null : $"'{name}' compares booleans, so its value is true or false, not {Describe(comparison.Value)}",
            _ => comparison.Value is JsonString { Value: var at } && Expressions.AslTimestamp.IsTimestamp(at)
                ? null
                : $"'{name}' compares timestamps, so its value is an RFC 3339 timestamp such as \"2016-03-14T01:59:00Z\" (uppercase T and Z), not {Describe(comparison.Value)}",
        };
        if (problem is not null)
            errors.Add(new DefinitionError(JsonPointer.Append(pointer, name), DefinitionErrorCodes.InvalidChoiceRule, problem));
    }

    private static string Describe(JsonValue value) => FieldReader.Describe(value);
}
