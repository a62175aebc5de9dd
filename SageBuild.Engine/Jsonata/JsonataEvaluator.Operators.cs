using SageBuild.Engine.Jsonata.Functions;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Engine.Jsonata;

/// <summary>Operators: arithmetic, comparison, boolean, concatenation, range, membership and the constructors.</summary>
internal sealed partial class JsonataEvaluator
{
    private object? EvaluateBinary(JsonataNode expr, object? input, JsonataFrame environment)
    {
        var op = expr.Value;
        var lhs = Evaluate(expr.Lhs!, input, environment);
        if (op is "and" or "or")
        {
            var left = JsonataValues.IsTruthy(lhs);
            if (op == "and")
                return JsonBoolean.From(left && JsonataValues.IsTruthy(Evaluate(expr.Rhs!, input, environment)));
            return JsonBoolean.From(left || JsonataValues.IsTruthy(Evaluate(expr.Rhs!, input, environment)));
        }

        var rhs = Evaluate(expr.Rhs!, input, environment);
        try
        {
            return op switch
            {
                "+" or "-" or "*" or "/" or "%" => Arithmetic(lhs, rhs, op),
                "=" => JsonBoolean.From(lhs is not null && rhs is not null && JsonataValues.DeepEquals(lhs, rhs)),
                "!=" => JsonBoolean.From(lhs is not null && rhs is not null && !JsonataValues.DeepEquals(lhs, rhs)),
                "<" or "<=" or ">" or ">=" => Comparison(lhs, rhs, op),
                "&" => JsonString.From(JsonataStringFunctions.ToText(lhs) + JsonataStringFunctions.ToText(rhs)),
                ".." => Range(lhs, rhs),
                "in" => JsonBoolean.From(Includes(lhs, rhs)),
                _ => throw new JsonataRuntimeException("S0204", token: op),
            };
        }
        catch (JsonataRuntimeException e)
        {
            e.Position = expr.Position;
            e.Token ??= op;
            throw;
        }
    }

    private static JsonNumber? Arithmetic(object? lhs, object? rhs, string op)
    {
        if (lhs is not null && lhs is not JsonNumber)
            throw new JsonataRuntimeException("T2001", lhs);
        if (rhs is not null && rhs is not JsonNumber)
            throw new JsonataRuntimeException("T2002", rhs);
        if (lhs is null || rhs is null)
            return null;
        var a = ((JsonNumber)lhs).Value;
        var b = ((JsonNumber)rhs).Value;
        var result = op switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            "/" => a / b,
            _ => a % b,
        };
        return JsonataValues.Number(result);
    }

    private static JsonBoolean? Comparison(object? lhs, object? rhs, string op)
    {
        var leftComparable = lhs is null or JsonString or JsonNumber;
        var rightComparable = rhs is null or JsonString or JsonNumber;
        if (!leftComparable || !rightComparable)
            throw new JsonataRuntimeException("T2010", lhs is JsonString or JsonNumber ? rhs : lhs);
        if (lhs is null || rhs is null)
            return null;
        if (lhs.GetType() != rhs.GetType())
            throw new JsonataRuntimeException("T2009", lhs, rhs);
        var order = lhs is JsonNumber a
            ? a.Value.CompareTo(((JsonNumber)rhs).Value)
            : string.CompareOrdinal(((JsonString)lhs).Value, ((JsonString)rhs).Value);
        return JsonBoolean.From(op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        });
    }

    private static JsonataSequence? Range(object? lhs, object? rhs)
    {
        if (lhs is not null && !JsonataValues.IsInteger(lhs))
            throw new JsonataRuntimeException("T2003", lhs);
        if (rhs is not null && !JsonataValues.IsInteger(rhs))
            throw new JsonataRuntimeException("T2004", rhs);
        if (lhs is null || rhs is null)
            return null;
        var from = ((JsonNumber)lhs).Value;
        var to = ((JsonNumber)rhs).Value;
        if (from > to)
            return null;
        var size = to - from + 1;
        if (size > 1e7)
            throw new JsonataRuntimeException("D2014", JsonNumber.From(size));
        var result = new JsonataSequence((int)size) { IsSequence = true };
        for (var item = from; item <= to; item++)
            result.Add(JsonNumber.From(item));
        return result;
    }

    private static bool Includes(object? lhs, object? rhs)
    {
        if (lhs is null || rhs is null)
            return false;
        var items = JsonataValues.IsArray(rhs) ? JsonataValues.Items(rhs) : [rhs];
        foreach (var item in items)
        {
            if (StrictEquals(item, lhs))
                return true;
        }

        return false;
    }

    /// <summary>JavaScript's <c>===</c>: scalars by value, arrays, objects and functions by identity.</summary>
    private static bool StrictEquals(object? a, object? b) => a switch
    {
        JsonNumber x => b is JsonNumber y && x.Value == y.Value,
        JsonString x => b is JsonString y && string.Equals(x.Value, y.Value, StringComparison.Ordinal),
        JsonBoolean x => b is JsonBoolean y && x.Value == y.Value,
        JsonNull => b is JsonNull,
        _ => ReferenceEquals(a, b),
    };

    private object? EvaluateUnary(JsonataNode expr, object? input, JsonataFrame environment)
    {
        switch (expr.Value)
        {
            case "-":
                var value = Evaluate(expr.Expression!, input, environment);
                return value switch
                {
                    null => null,
                    JsonNumber n => JsonataValues.Number(-n.Value),
                    _ => throw new JsonataRuntimeException("D1002", value, token: "-", position: expr.Position),
                };
            case "[":
                var array = new JsonataSequence();
                foreach (var item in expr.Expressions!)
                {
                    var itemValue = Evaluate(item, input, environment);
                    if (itemValue is null)
                        continue;
                    if (item is { Type: JsonataNodeType.Unary, Value: "[" })
                        array.Add(itemValue);
                    else
                        array = (JsonataSequence)JsonataArrayFunctions.Append(array, itemValue)!;
                }

                if (expr.ConsArray)
                    array.Cons = true;
                return array;
            case "{":
                return EvaluateGroup(expr.Pairs!, expr.Position, input, environment);
            default:
                throw new JsonataRuntimeException("S0211", token: expr.Value, position: expr.Position);
        }
    }
}
