using System.Globalization;
using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Conditions;

/// <summary>
/// A Choice rule's boolean expression. A closed family: comparisons, And, Or, Not and JSONata conditions.
/// The factories check their input at once, so a malformed rule fails where it is written.
/// </summary>
public abstract record Condition
{
    private protected Condition()
    {
    }

    // ---- strings ----
    public static Condition StringEquals(string variable, string value) => Compare(variable, ComparisonOperator.StringEquals, value);
    public static Condition StringEqualsPath(string variable, string path) => ComparePath(variable, ComparisonOperator.StringEqualsPath, path);
    public static Condition StringLessThan(string variable, string value) => Compare(variable, ComparisonOperator.StringLessThan, value);
    public static Condition StringLessThanPath(string variable, string path) => ComparePath(variable, ComparisonOperator.StringLessThanPath, path);
    public static Condition StringGreaterThan(string variable, string value) => Compare(variable, ComparisonOperator.StringGreaterThan, value);
    public static Condition StringGreaterThanPath(string variable, string path) => ComparePath(variable, ComparisonOperator.StringGreaterThanPath, path);
    public static Condition StringLessThanEquals(string variable, string value) => Compare(variable, ComparisonOperator.StringLessThanEquals, value);
    public static Condition StringLessThanEqualsPath(string variable, string path) => ComparePath(variable, ComparisonOperator.StringLessThanEqualsPath, path);
    public static Condition StringGreaterThanEquals(string variable, string value) => Compare(variable, ComparisonOperator.StringGreaterThanEquals, value);
    public static Condition StringGreaterThanEqualsPath(string variable, string path) => ComparePath(variable, ComparisonOperator.StringGreaterThanEqualsPath, path);

    /// <summary>Matches a pattern where <c>*</c> is any run of characters and <c>\*</c> a literal star.</summary>
    public static Condition StringMatches(string variable, string pattern) => Compare(variable, ComparisonOperator.StringMatches, pattern);

    // ---- numbers ----
    public static Condition NumberEquals(string variable, double value) => Compare(variable, ComparisonOperator.NumericEquals, value);
    public static Condition NumberEqualsPath(string variable, string path) => ComparePath(variable, ComparisonOperator.NumericEqualsPath, path);
    public static Condition NumberLessThan(string variable, double value) => Compare(variable, ComparisonOperator.NumericLessThan, value);
    public static Condition NumberLessThanPath(string variable, string path) => ComparePath(variable, ComparisonOperator.NumericLessThanPath, path);
    public static Condition NumberGreaterThan(string variable, double value) => Compare(variable, ComparisonOperator.NumericGreaterThan, value);
    public static Condition NumberGreaterThanPath(string variable, string path) => ComparePath(variable, ComparisonOperator.NumericGreaterThanPath, path);
    public static Condition NumberLessThanEquals(string variable, double value) => Compare(variable, ComparisonOperator.NumericLessThanEquals, value);
    public static Condition NumberLessThanEqualsPath(string variable, string path) => ComparePath(variable, ComparisonOperator.NumericLessThanEqualsPath, path);
    public static Condition NumberGreaterThanEquals(string variable, double value) => Compare(variable, ComparisonOperator.NumericGreaterThanEquals, value);
    public static Condition NumberGreaterThanEqualsPath(string variable, string path) => ComparePath(variable, ComparisonOperator.NumericGreaterThanEqualsPath, path);

    // ---- booleans ----
    public static Condition BooleanEquals(string variable, bool value) => Compare(variable, ComparisonOperator.BooleanEquals, value);
    public static Condition BooleanEqualsPath(string variable, string path) => ComparePath(variable, ComparisonOperator.BooleanEqualsPath, path);

    // ---- timestamps ----
    public static Condition TimestampEquals(string variable, DateTimeOffset at) => Compare(variable, ComparisonOperator.TimestampEquals, Rfc3339(at));
    public static Condition TimestampEqualsPath(string variable, string path) => ComparePath(variable, ComparisonOperator.TimestampEqualsPath, path);
    public static Condition TimestampLessThan(string variable, DateTimeOffset at) => Compare(variable, ComparisonOperator.TimestampLessThan, Rfc3339(at));
    public static Condition TimestampLessThanPath(string variable, string path) => ComparePath(variable, ComparisonOperator.TimestampLessThanPath, path);
    public static Condition TimestampGreaterThan(string variable, DateTimeOffset at) => Compare(variable, ComparisonOperator.TimestampGreaterThan, Rfc3339(at));
    public static Condition TimestampGreaterThanPath(string variable, string path) => ComparePath(variable, ComparisonOperator.TimestampGreaterThanPath, path);
    public static Condition TimestampLessThanEquals(string variable, DateTimeOffset at) => Compare(variable, ComparisonOperator.TimestampLessThanEquals, Rfc3339(at));
    public static Condition TimestampLessThanEqualsPath(string variable, string path) => ComparePath(variable, ComparisonOperator.TimestampLessThanEqualsPath, path);
    public static Condition TimestampGreaterThanEquals(string variable, DateTimeOffset at) => Compare(variable, ComparisonOperator.TimestampGreaterThanEquals, Rfc3339(at));
    public static Condition TimestampGreaterThanEqualsPath(string variable, string path) => ComparePath(variable, ComparisonOperator.TimestampGreaterThanEqualsPath, path);

    // ---- type tests ----
    public static Condition IsNull(string variable, bool expected = true) => Compare(variable, ComparisonOperator.IsNull, expected);
    public static Condition IsPresent(string variable, bool expected = true) => Compare(variable, ComparisonOperator.IsPresent, expected);
    public static Condition IsNumeric(string variable, bool expected = true) => Compare(variable, ComparisonOperator.IsNumeric, expected);
    public static Condition IsString(string variable, bool expected = true) => Compare(variable, ComparisonOperator.IsString, expected);
    public static Condition IsBoolean(string variable, bool expected = true) => Compare(variable, ComparisonOperator.IsBoolean, expected);
    public static Condition IsTimestamp(string variable, bool expected = true) => Compare(variable, ComparisonOperator.IsTimestamp, expected);

    // ---- composition ----

    /// <summary>True when every operand is; needs at least one.</summary>
    public static Condition And(params Condition[] all) => new AndCondition(Operands(all, nameof(And)));

    /// <summary>True when any operand is; needs at least one.</summary>
    public static Condition Or(params Condition[] any) => new OrCondition(Operands(any, nameof(Or)));

    /// <summary>True when <paramref name="condition"/> is false.</summary>
    public static Condition Not(Condition condition) => new NotCondition(condition ?? throw new ArgumentNullException(nameof(condition)));

    /// <summary>A JSONata condition, <c>{% ... %}</c>; the delimiters are added when missing.</summary>
    public static Condition Jsonata(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var trimmed = expression.Trim();
        return new JsonataCondition(trimmed.StartsWith("{%", StringComparison.Ordinal) ? trimmed : $"{{% {trimmed} %}}");
    }

    /// <summary>A comparison from its parts, as the parser finds them; the value's type is checked by the validator.</summary>
    public static ComparisonCondition Comparison(string variable, ComparisonOperator op, JsonValue value) => new(variable, op, value);

    private static ComparisonCondition Compare(string variable, ComparisonOperator op, JsonValue value)
    {
        CheckPath(variable, nameof(variable));
        return new ComparisonCondition(variable, op, value);
    }

    private static ComparisonCondition ComparePath(string variable, ComparisonOperator op, string path)
    {
        CheckPath(variable, nameof(variable));
        CheckPath(path, nameof(path));
        return new ComparisonCondition(variable, op, JsonString.From(path));
    }

    private static void CheckPath(string path, string parameter)
    {
        ArgumentNullException.ThrowIfNull(path, parameter);
        if (!path.StartsWith('$'))
            throw new ArgumentException($"'{path}' is not a path: a Choice variable starts with '$'", parameter);
    }

    private static Model.ValueList<Condition> Operands(Condition[] operands, string name)
    {
        ArgumentNullException.ThrowIfNull(operands);
        if (operands.Length == 0)
            throw new ArgumentException($"{name} needs at least one condition", nameof(operands));
        return Model.ValueList.Create<Condition>(operands);
    }

    private static string Rfc3339(DateTimeOffset at) =>
        at.ToUniversalTime().ToString(at.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A variable compared with a literal or with another path, or tested for its type.</summary>
public sealed record ComparisonCondition : Condition
{
    internal ComparisonCondition(string variable, ComparisonOperator op, JsonValue value)
    {
        Variable = variable;
        Operator = op;
        Value = value;
    }

    /// <summary>The path to the compared value.</summary>
    public string Variable { get; }

    /// <summary>The operator.</summary>
    public ComparisonOperator Operator { get; }

    /// <summary>The literal, the other path (a string) for <c>…Path</c> operators, or the expected boolean of a type test.</summary>
    public JsonValue Value { get; }
}

/// <summary>True when every operand is.</summary>
public sealed record AndCondition(Model.ValueList<Condition> Operands) : Condition;

/// <summary>True when any operand is.</summary>
public sealed record OrCondition(Model.ValueList<Condition> Operands) : Condition;

/// <summary>True when the operand is false.</summary>
public sealed record NotCondition(Condition Operand) : Condition;

/// <summary>A JSONata <c>Condition</c> field, <c>{% ... %}</c>.</summary>
public sealed record JsonataCondition(string Expression) : Condition;
