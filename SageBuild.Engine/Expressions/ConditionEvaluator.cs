using SageBuild.Engine.Expressions.ChoiceRules;
using SageBuild.StateMachines.Conditions;

namespace SageBuild.Engine.Expressions;

/// <summary>
/// A compiled JSONPath Choice condition (JSONata conditions are compiled by the JSONata evaluator). Paths,
/// StringMatches patterns and timestamp literals are parsed once, in <see cref="Compile"/>; evaluation allocates
/// nothing for definite paths. Immutable and thread-safe.
/// </summary>
public sealed class ConditionEvaluator
{
    private readonly ConditionNode _root;

    private ConditionEvaluator(Condition condition, ConditionNode root)
    {
        Condition = condition;
        _root = root;
    }

    /// <summary>The condition.</summary>
    public Condition Condition { get; }

    /// <summary>
    /// Compiles a condition: paths, StringMatches patterns and timestamp literals are parsed once here. Throws
    /// <see cref="FormatException"/> for a path that does not parse or a literal of the wrong type, and
    /// <see cref="NotSupportedException"/> for a JSONata condition.
    /// </summary>
    public static ConditionEvaluator Compile(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new ConditionEvaluator(condition, ConditionCompiler.Compile(condition));
    }

    /// <summary>
    /// Evaluates with AWS's type rules: a comparison against a value of the wrong type is false, not an error.
    /// And, Or and Not short-circuit. A Variable (or the path of a <c>…Path</c> operator) that finds nothing throws
    /// <see cref="StatesErrorException"/> with States.Runtime, except under IsPresent, which is then false.
    /// </summary>
    public bool Evaluate(IEvaluationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _root.Evaluate(scope);
    }
}
