using SageBuild.StateMachines.Conditions;

namespace SageBuild.Engine.Expressions;

// CONTRACT SKELETON: implemented by the expressions work; the engine codes against these signatures.

/// <summary>A compiled JSONPath Choice condition (JSONata conditions are compiled by the JSONata evaluator).</summary>
public sealed class ConditionEvaluator
{
    private ConditionEvaluator(Condition condition) => Condition = condition;

    /// <summary>The condition.</summary>
    public Condition Condition { get; }

    /// <summary>Compiles a condition: paths, StringMatches patterns and timestamp literals are parsed once here.</summary>
    public static ConditionEvaluator Compile(Condition condition) => new(condition ?? throw new ArgumentNullException(nameof(condition)));

    /// <summary>Evaluates with AWS's type rules: a comparison against a value of the wrong type is false, not an error.</summary>
    public bool Evaluate(IEvaluationScope scope) => throw new NotImplementedException();
}
