using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Expressions.Intrinsics;

/// <summary>A compiled value of a <c>.$</c> field or of an intrinsic function's argument.</summary>
internal abstract class ValueNode
{
    /// <summary>Evaluates the node; <paramref name="field"/> names the template field for error messages.</summary>
    public abstract JsonValue Evaluate(IEvaluationScope scope, string field);
}

/// <summary>A literal argument, shared as it is.</summary>
internal sealed class LiteralNode(JsonValue value) : ValueNode
{
    public override JsonValue Evaluate(IEvaluationScope scope, string field) => value;
}

/// <summary>A path; a definite path that finds nothing fails as AWS fails it.</summary>
internal sealed class PathNode(PathExpression path) : ValueNode
{
    public override JsonValue Evaluate(IEvaluationScope scope, string field) =>
        path.TrySelect(scope, out var value) ? value : throw ExpressionErrors.PathNotFound(path.Text, field, scope.Input);
}

/// <summary>
/// A string literal with a backslash that escapes nothing. AWS accepts the definition and reports a runtime error
/// when the function runs, so the error waits until then.
/// </summary>
internal sealed class EscapeErrorNode(string message) : ValueNode
{
    public override JsonValue Evaluate(IEvaluationScope scope, string field) => throw new StatesErrorException(ErrorNames.Runtime, message);
}

/// <summary>A call: its arguments are evaluated left to right, then the function runs.</summary>
internal sealed class CallNode(string name, IntrinsicImplementation implementation, ValueNode[] arguments) : ValueNode
{
    public override JsonValue Evaluate(IEvaluationScope scope, string field)
    {
        var values = new JsonValue[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
            values[i] = arguments[i].Evaluate(scope, field);
        return implementation(new IntrinsicArguments(name, values), scope);
    }
}

/// <summary>States.Format with a literal template, split at its placeholders once, when the definition is prepared.</summary>
internal sealed class FormatNode(StateMachines.Expressions.FormatTemplate template, ValueNode[] values) : ValueNode
{
    public override JsonValue Evaluate(IEvaluationScope scope, string field)
    {
        var evaluated = new JsonValue[values.Length];
        for (var i = 0; i < values.Length; i++)
            evaluated[i] = values[i].Evaluate(scope, field);
        return StringFunctions.Format(template, new IntrinsicArguments(StateMachines.Expressions.IntrinsicFunctions.Format, evaluated), 0);
    }
}

/// <summary>An intrinsic function's body.</summary>
internal delegate JsonValue IntrinsicImplementation(IntrinsicArguments arguments, IEvaluationScope scope);
