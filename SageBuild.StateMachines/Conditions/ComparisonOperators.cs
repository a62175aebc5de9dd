using System.Collections.Frozen;

namespace SageBuild.StateMachines.Conditions;

/// <summary>What each <see cref="ComparisonOperator"/> expects as its value.</summary>
public static class ComparisonOperators
{
    private static readonly FrozenDictionary<string, ComparisonOperator> ByName =
        Enum.GetValues<ComparisonOperator>().ToFrozenDictionary(op => op.ToString(), StringComparer.Ordinal);

    /// <summary>The operator whose ASL key is <paramref name="name"/>.</summary>
    public static bool TryParse(string name, out ComparisonOperator op) => ByName.TryGetValue(name, out op);

    /// <summary>Whether the operator compares against another path (its name ends in <c>Path</c>).</summary>
    public static bool IsPathOperator(this ComparisonOperator op) => op.ToString().EndsWith("Path", StringComparison.Ordinal);

    /// <summary>Whether the operator is a type test such as <c>IsNull</c>, whose value is a boolean.</summary>
    public static bool IsTypeTest(this ComparisonOperator op) => op >= ComparisonOperator.IsNull;

    /// <summary>The JSON type of the operator's literal value.</summary>
    public static OperandKind OperandKind(this ComparisonOperator op) => op switch
    {
        _ when op.IsPathOperator() => Conditions.OperandKind.Path,
        _ when op.IsTypeTest() => Conditions.OperandKind.Boolean,
        ComparisonOperator.BooleanEquals => Conditions.OperandKind.Boolean,
        >= ComparisonOperator.StringEquals and <= ComparisonOperator.StringMatches => Conditions.OperandKind.String,
        >= ComparisonOperator.NumericEquals and <= ComparisonOperator.NumericGreaterThanEqualsPath => Conditions.OperandKind.Number,
        _ => Conditions.OperandKind.Timestamp,
    };
}

/// <summary>The kind of value a comparison takes.</summary>
public enum OperandKind
{
    String,
    Number,
    Boolean,
    Timestamp,
    Path,
}
