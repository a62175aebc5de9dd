using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions.ChoiceRules;

/// <summary>How a comparison orders its two sides.</summary>
internal enum Relation
{
    Equal,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
}

/// <summary>What a comparison compares.</summary>
internal enum ValueKind
{
    String,
    Number,
    Boolean,
    Timestamp,
}

/// <summary>
/// A comparison of the value at a Variable. A Variable that finds nothing fails with States.Runtime, as in AWS;
/// a value of the wrong type makes the comparison false.
/// </summary>
internal abstract class VariableNode(PathExpression variable) : ConditionNode
{
    protected JsonValue Lookup(IEvaluationScope scope) => Lookup(variable, scope);

    protected static JsonValue Lookup(PathExpression path, IEvaluationScope scope) =>
        path.TrySelect(scope, out var value) ? value : throw ExpressionErrors.ChoicePath(path.Text);

    protected static bool Holds(Relation relation, int comparison) => relation switch
    {
        Relation.Equal => comparison == 0,
        Relation.Less => comparison < 0,
        Relation.Greater => comparison > 0,
        Relation.LessOrEqual => comparison <= 0,
        _ => comparison >= 0,
    };

    /// <summary>Compares two values of <paramref name="kind"/>; null when either is of another type.</summary>
    protected static int? Compare(ValueKind kind, JsonValue left, JsonValue right) => kind switch
    {
        ValueKind.String when left is JsonString l && right is JsonString r => string.CompareOrdinal(l.Value, r.Value),
        ValueKind.Number when left is JsonNumber l && right is JsonNumber r => l.Value.CompareTo(r.Value),
        ValueKind.Boolean when left is JsonBoolean l && right is JsonBoolean r => l.Value == r.Value ? 0 : 1,
        ValueKind.Timestamp when AsTimestamp(left) is { } l && AsTimestamp(right) is { } r => l.CompareTo(r),
        _ => null,
    };

    protected static DateTimeOffset? AsTimestamp(JsonValue value) =>
        value is JsonString s && AslTimestamp.TryParse(s.Value, out var at) ? at : null;
}

/// <summary>A comparison with a string literal, ordinal as Java's String.compareTo.</summary>
internal sealed class StringNode(PathExpression variable, Relation relation, string literal) : VariableNode(variable)
{
    public override bool Evaluate(IEvaluationScope scope) =>
        Lookup(scope) is JsonString s && Holds(relation, string.CompareOrdinal(s.Value, literal));
}

/// <summary>A comparison with a number literal, on doubles.</summary>
internal sealed class NumericNode(PathExpression variable, Relation relation, double literal) : VariableNode(variable)
{
    public override bool Evaluate(IEvaluationScope scope) =>
        Lookup(scope) is JsonNumber n && Holds(relation, n.Value.CompareTo(literal));
}

/// <summary>BooleanEquals with a literal.</summary>
internal sealed class BooleanNode(PathExpression variable, bool literal) : VariableNode(variable)
{
    public override bool Evaluate(IEvaluationScope scope) => Lookup(scope) is JsonBoolean b && b.Value == literal;
}

/// <summary>A comparison with a timestamp literal, parsed once when the definition is prepared.</summary>
internal sealed class TimestampNode(PathExpression variable, Relation relation, DateTimeOffset literal) : VariableNode(variable)
{
    public override bool Evaluate(IEvaluationScope scope) =>
        AsTimestamp(Lookup(scope)) is { } at && Holds(relation, at.CompareTo(literal));
}

/// <summary>A <c>…Path</c> operator: both sides are looked up, and both must be of the operator's type.</summary>
internal sealed class PathComparisonNode(PathExpression variable, ValueKind kind, Relation relation, PathExpression other) : VariableNode(variable)
{
    public override bool Evaluate(IEvaluationScope scope)
    {
        var left = Lookup(scope);
        var right = Lookup(other, scope);
        return Compare(kind, left, right) is { } comparison && Holds(relation, comparison);
    }
}

/// <summary>StringMatches.</summary>
internal sealed class StringMatchesNode(PathExpression variable, StringMatchPattern pattern) : VariableNode(variable)
{
    public override bool Evaluate(IEvaluationScope scope) => Lookup(scope) is JsonString s && pattern.IsMatch(s.Value);
}

/// <summary>IsNull, IsNumeric, IsString, IsBoolean and IsTimestamp: whether the value is of a type, compared with the expected boolean.</summary>
internal sealed class TypeTestNode(PathExpression variable, Func<JsonValue, bool> test, bool expected) : VariableNode(variable)
{
    public override bool Evaluate(IEvaluationScope scope) => test(Lookup(scope)) == expected;
}

/// <summary>IsPresent: the one test that does not fail on a missing Variable.</summary>
internal sealed class IsPresentNode(PathExpression variable, bool expected) : ConditionNode
{
    public override bool Evaluate(IEvaluationScope scope) => variable.TrySelect(scope, out _) == expected;
}
