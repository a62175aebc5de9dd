using SageBuild.Engine.Expressions.Intrinsics;
using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>
/// The compiled value of a <c>.$</c> field, an ErrorPath or a CausePath: a path (<c>$.x</c>, <c>$$.x</c>,
/// <c>$name</c>) or an intrinsic function call. Immutable and thread-safe.
/// </summary>
public sealed class FieldExpression
{
    private readonly ValueNode _node;

    private FieldExpression(string text, ValueNode node, bool isIntrinsic)
    {
        Text = text;
        _node = node;
        IsIntrinsic = isIntrinsic;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Whether this is an intrinsic function call rather than a path.</summary>
    public bool IsIntrinsic { get; }

    /// <summary>Compiles a path or intrinsic call; throws <see cref="FormatException"/> saying where it fails to parse.</summary>
    public static FieldExpression Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IntrinsicCall.LooksLikeCall(text))
            return new FieldExpression(text, IntrinsicCompiler.Compile(IntrinsicCall.Parse(text)), isIntrinsic: true);
        return new FieldExpression(text, new PathNode(PathExpression.Compile(text)), isIntrinsic: false);
    }

    /// <summary>
    /// Evaluates the expression. A path that finds nothing throws <see cref="StatesErrorException"/> with
    /// States.Runtime, worded as AWS words it for <paramref name="field"/> (such as <c>x.$</c> or <c>ErrorPath</c>);
    /// a function given the wrong arguments throws States.Runtime (as AWS reports intrinsic errors).
    /// </summary>
    public JsonValue Evaluate(IEvaluationScope scope, string field)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _node.Evaluate(scope, field);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
