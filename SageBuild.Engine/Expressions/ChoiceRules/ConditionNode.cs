namespace SageBuild.Engine.Expressions.ChoiceRules;

/// <summary>A compiled Choice condition.</summary>
internal abstract class ConditionNode
{
    public abstract bool Evaluate(IEvaluationScope scope);
}

/// <summary>And: true when every operand is; stops at the first false one.</summary>
internal sealed class AllNode(ConditionNode[] operands) : ConditionNode
{
    public override bool Evaluate(IEvaluationScope scope)
    {
        foreach (var operand in operands)
        {
            if (!operand.Evaluate(scope))
                return false;
        }

        return true;
    }
}

/// <summary>Or: true when any operand is; stops at the first true one.</summary>
internal sealed class AnyNode(ConditionNode[] operands) : ConditionNode
{
    public override bool Evaluate(IEvaluationScope scope)
    {
        foreach (var operand in operands)
        {
            if (operand.Evaluate(scope))
                return true;
        }

        return false;
    }
}

/// <summary>Not.</summary>
internal sealed class NotNode(ConditionNode operand) : ConditionNode
{
    public override bool Evaluate(IEvaluationScope scope) => !operand.Evaluate(scope);
}
