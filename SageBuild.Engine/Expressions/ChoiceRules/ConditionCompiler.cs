using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions.ChoiceRules;

/// <summary>Compiles a Choice condition into nodes: paths, patterns and timestamp literals are parsed here, once.</summary>
internal static class ConditionCompiler
{
    public static ConditionNode Compile(Condition condition) => condition switch
    {
        AndCondition and => new AllNode([.. and.Operands.Select(Compile)]),
        OrCondition or => new AnyNode([.. or.Operands.Select(Compile)]),
        NotCondition not => new NotNode(Compile(not.Operand)),
        ComparisonCondition comparison => CompileComparison(comparison),
        JsonataCondition => throw new NotSupportedException("a JSONata Condition is evaluated by the JSONata evaluator, not by ConditionEvaluator"),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown condition"),
    };

    private static ConditionNode CompileComparison(ComparisonCondition c)
    {
        var variable = Path(c.Variable, "Variable");
        var value = c.Value;
        var op = c.Operator;
        var name = op.ToString();
        if (op.IsPathOperator())
        {
            var other = Path(value is JsonString s ? s.Value : throw Wrong(name, "a path", value), name);
            var (kind, relation) = Classify(op);
            return new PathComparisonNode(variable, kind, relation, other);
        }

        switch (op)
        {
            case ComparisonOperator.IsPresent:
                return new IsPresentNode(variable, Bool(name, value));
            case ComparisonOperator.IsNull:
                return new TypeTestNode(variable, static v => v is JsonNull, Bool(name, value));
            case ComparisonOperator.IsNumeric:
                return new TypeTestNode(variable, static v => v is JsonNumber, Bool(name, value));
            case ComparisonOperator.IsString:
                return new TypeTestNode(variable, static v => v is JsonString, Bool(name, value));
            case ComparisonOperator.IsBoolean:
                return new TypeTestNode(variable, static v => v is JsonBoolean, Bool(name, value));
            case ComparisonOperator.IsTimestamp:
                return new TypeTestNode(variable, static v => v is JsonString s && AslTimestamp.IsTimestamp(s.Value), Bool(name, value));
            case ComparisonOperator.StringMatches:
                return new StringMatchesNode(variable, StringMatchPattern.Compile(Text(name, value)));
            case ComparisonOperator.BooleanEquals:
                return new BooleanNode(variable, Bool(name, value));
        }

        var (valueKind, valueRelation) = Classify(op);
        return valueKind switch
        {
            ValueKind.String => new StringNode(variable, valueRelation, Text(name, value)),
            ValueKind.Number => new NumericNode(variable, valueRelation, value is JsonNumber n ? n.Value : throw Wrong(name, "a number", value)),
            _ => new TimestampNode(variable, valueRelation, AslTimestamp.TryParse(Text(name, value), out var at)
                ? at
                : throw new FormatException($"{name} needs a timestamp such as 2016-08-18T17:33:00Z, not {value}")),
        };
    }

    private static (ValueKind Kind, Relation Relation) Classify(ComparisonOperator op)
    {
        var name = op.ToString();
        var kind = name.StartsWith("String", StringComparison.Ordinal) ? ValueKind.String
            : name.StartsWith("Numeric", StringComparison.Ordinal) ? ValueKind.Number
            : name.StartsWith("Boolean", StringComparison.Ordinal) ? ValueKind.Boolean
            : ValueKind.Timestamp;
        var relation = name.Contains("LessThanEquals", StringComparison.Ordinal) ? Relation.LessOrEqual
            : name.Contains("GreaterThanEquals", StringComparison.Ordinal) ? Relation.GreaterOrEqual
            : name.Contains("LessThan", StringComparison.Ordinal) ? Relation.Less
            : name.Contains("GreaterThan", StringComparison.Ordinal) ? Relation.Greater
            : Relation.Equal;
        return (kind, relation);
    }

    private static PathExpression Path(string text, string field)
    {
        try
        {
            return PathExpression.Compile(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{field} is not a valid path: {e.Message}", e);
        }
    }

    private static bool Bool(string name, JsonValue value) => value is JsonBoolean b ? b.Value : throw Wrong(name, "true or false", value);

    private static string Text(string name, JsonValue value) => value is JsonString s ? s.Value : throw Wrong(name, "a string", value);

    private static FormatException Wrong(string name, string expected, JsonValue value) => new($"{name} needs {expected}, not {value}");
}
