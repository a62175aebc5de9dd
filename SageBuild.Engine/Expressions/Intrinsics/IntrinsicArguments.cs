using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions.Intrinsics;

/// <summary>Reads typed arguments of an intrinsic function, failing with States.Runtime (as AWS reports intrinsic errors) when a type is wrong.</summary>
internal readonly ref struct IntrinsicArguments(string function, JsonValue[] values)
{
    /// <summary>The function being evaluated, for messages.</summary>
    public string Function { get; } = function;

    public int Count => values.Length;

    public JsonValue this[int index] => values[index];

    public JsonValue[] All => values;

    public JsonArray Array(int index) =>
        values[index] as JsonArray ?? throw Wrong(index, "an array");

    public JsonObject Object(int index) =>
        values[index] as JsonObject ?? throw Wrong(index, "a JSON object");

    public string String(int index) =>
        values[index] is JsonString s ? s.Value : throw Wrong(index, "a string");

    public bool Boolean(int index) =>
        values[index] is JsonBoolean b ? b.Value : throw Wrong(index, "a boolean");

    /// <summary>
    /// An integer argument. AWS rounds a fraction to the nearest integer, halves upwards (Java's Math.round:
    /// 2.5 gives 3 and -2.5 gives -2), as recorded for States.MathAdd.
    /// </summary>
    public long Integer(int index)
    {
        if (values[index] is not JsonNumber n)
            throw Wrong(index, "a number");
        var rounded = Math.Floor(n.Value + 0.5);
        if (rounded is < long.MinValue or > long.MaxValue)
            throw Fail($"argument {index + 1} ({n.ToText()}) is too large");
        return (long)rounded;
    }

    /// <summary>An integer argument within the 32-bit range AWS allows.</summary>
    public int Int32(int index)
    {
        var value = Integer(index);
        return value is < int.MinValue or > int.MaxValue
            ? throw Fail($"argument {index + 1} must be between -2147483648 and 2147483647, not {value}")
            : (int)value;
    }

    public StatesErrorException Fail(string problem) => ExpressionErrors.Intrinsic(Function, problem);

    private StatesErrorException Wrong(int index, string expected) =>
        Fail($"argument {index + 1} must be {expected}, not {ExpressionErrors.Describe(values[index])}");
}
