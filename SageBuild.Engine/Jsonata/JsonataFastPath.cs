using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Engine.Jsonata;

/// <summary>
/// The shapes most state fields are written in (<c>$states.input.a.b</c>, <c>$name</c>, literals, and arithmetic or
/// comparisons of them), evaluated straight on the JSON values without the general evaluator and its sequences. It
/// answers only when the values are plain (objects along a path, numbers or strings at an operator), where the
/// result is certainly the evaluator's; anything else (an array along the path, a missing operand, a type error) it
/// hands back, and the general evaluator runs with JSONata's full semantics and error codes.
/// </summary>
internal abstract class JsonataFastPath
{
    /// <summary>The fast form of <paramref name="root"/>, or null when the expression has another shape.</summary>
    public static JsonataFastPath? TryCompile(JsonataNode root)
    {
        switch (root.Type)
        {
            case JsonataNodeType.String or JsonataNodeType.Number or JsonataNodeType.Value when root.Literal is not null:
                return new Literal(root.Literal);
            case JsonataNodeType.Variable when IsNamedVariable(root) && IsPlainStep(root):
                return new VariablePath(root.Value, []);
            case JsonataNodeType.Path when IsPlainPath(root):
                return new VariablePath(root.Steps![0].Value, [.. root.Steps.Skip(1).Select(s => s.Value)]);
            case JsonataNodeType.Binary when root.Value is "+" or "-" or "*" or "/" or "<" or "<=" or ">" or ">=" or "=" or "!=":
                return TryCompile(root.Lhs!) is { } lhs && TryCompile(root.Rhs!) is { } rhs ? new Binary(root.Value, lhs, rhs) { Depth = 1 + Math.Max(lhs.Depth, rhs.Depth) } : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// How deep the general evaluator would nest for this tree, at least: the fast form is used only well within
    /// AWS's 100 levels, so the depth error (D1011) stays the evaluator's to raise.
    /// </summary>
    public int Depth { get; private init; } = 2;

    /// <summary>
    /// Evaluates with <paramref name="scope"/> resolving <c>$name</c>; false when the general evaluator must
    /// decide. <paramref name="value"/> null means undefined.
    /// </summary>
    public abstract bool TryEvaluate(in JsonataFastScope scope, out JsonValue? value);

    private static bool IsPlainPath(JsonataNode path)
    {
        var steps = path.Steps;
        if (steps is null || steps.Count < 2 || path.KeepSingletonArray || path.Tuple || path.Group is not null)
            return false;
        if (steps[0].Type != JsonataNodeType.Variable || !IsNamedVariable(steps[0]) || !IsPlainStep(steps[0]))
            return false;
        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i].Type != JsonataNodeType.Name || !IsPlainStep(steps[i]))
                return false;
        }

        return true;
    }

    // $ (the context) and $$ (the root input) are bound in the evaluator's frame, not by the caller.
    private static bool IsNamedVariable(JsonataNode variable) => variable.Value.Length > 0 && variable.Value != "$";

    private static bool IsPlainStep(JsonataNode step) =>
        step.Stages is not { Count: > 0 } && step.Predicates is not { Count: > 0 } && step.Group is null && step.Focus is null
        && step.Index is null && !step.Tuple && !step.KeepArray && !step.ConsArray && step.Ancestor is null && step.SeekingParent is null;

    private sealed class Literal(JsonValue value) : JsonataFastPath
    {
        public override bool TryEvaluate(in JsonataFastScope scope, out JsonValue? result)
        {
            result = value;
            return true;
        }
    }

    /// <summary><c>$name</c> or <c>$name.a.b</c>, through objects only; an array on the way is the evaluator's.</summary>
    private sealed class VariablePath(string variable, string[] fields) : JsonataFastPath
    {
        public override bool TryEvaluate(in JsonataFastScope scope, out JsonValue? value)
        {
            value = null;
            var first = 0;
            object? bound;
            if (fields.Length > 0 && string.Equals(variable, "states", StringComparison.Ordinal) && scope.TryGetStatesMember(fields[0], out var member))
            {
                // $states.input/.result/.errorOutput straight from the bindings, without building the $states object.
                if (member is null)
                    return true;
                bound = member;
                first = 1;
            }
            else
            {
                bound = scope.Resolve(variable);
            }

            if (bound is null)
                return fields.Length == 0;
            if (bound is not JsonValue current)
                return false;
            for (var i = first; i < fields.Length; i++)
            {
                var field = fields[i];
                if (current is not JsonObject o)
                    return false;
                if (!o.TryGetValue(field, out current!))
                    return true;
            }

            // An array at the end comes back whole, as the official implementation returns it from a chain of objects.
            value = current;
            return true;
        }
    }

    /// <summary>Arithmetic on two numbers, ordering of two numbers or two strings, equality of two scalars.</summary>
    private sealed class Binary(string op, JsonataFastPath lhs, JsonataFastPath rhs) : JsonataFastPath
    {
        public override bool TryEvaluate(in JsonataFastScope scope, out JsonValue? value)
        {
            value = null;
            if (!lhs.TryEvaluate(scope, out var left) || !rhs.TryEvaluate(scope, out var right) || left is null || right is null)
                return false;
            switch (op)
            {
                case "+" or "-" or "*" or "/":
                    if (left is not JsonNumber a || right is not JsonNumber b)
                        return false;
                    var result = op switch
                    {
                        "+" => a.Value + b.Value,
                        "-" => a.Value - b.Value,
                        "*" => a.Value * b.Value,
                        _ => a.Value / b.Value,
                    };
                    if (!double.IsFinite(result))
                        return false;
                    value = JsonataValues.Number(result);
                    return true;
                case "=" or "!=":
                    if (!IsScalar(left) || !IsScalar(right))
                        return false;
                    var equal = JsonataValues.DeepEquals(left, right);
                    value = JsonBoolean.From(op == "=" ? equal : !equal);
                    return true;
                default:
                    int order;
                    if (left is JsonNumber x && right is JsonNumber y)
                        order = x.Value.CompareTo(y.Value);
                    else if (left is JsonString s && right is JsonString t)
                        order = string.CompareOrdinal(s.Value, t.Value);
                    else
                        return false;
                    value = JsonBoolean.From(op switch
                    {
                        "<" => order < 0,
                        "<=" => order <= 0,
                        ">" => order > 0,
                        _ => order >= 0,
                    });
                    return true;
            }
        }

        private static bool IsScalar(JsonValue value) => value is JsonString or JsonNumber or JsonBoolean or JsonNull;
    }
}
