using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>Choice: the first rule that holds picks the next state, else Default, else States.Runtime (AWS reports no match so).</summary>
internal sealed class ChoiceNode : StateNode
{
    private readonly Rule[] _rules;

    public ChoiceNode(string name, ChoiceState state, Func<string, int> indexOf)
        : base(name, state, HistoryEventType.ChoiceStateEntered, HistoryEventType.ChoiceStateExited)
    {
        var rules = new Rule[state.Choices.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = state.Choices[i];
            rules[i] = new Rule(ConditionEvaluator.Compile(rule.Condition), indexOf(rule.Next), PreparedTemplate.CompileOptional(rule.Assign));
        }

        _rules = rules;
        DefaultIndex = state.Default is { } target ? indexOf(target) : -1;
    }

    public override bool IsSynchronous => true;

    private int DefaultIndex { get; }

    public override StepResult Execute(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        try
        {
            var effective = InputPath.Select(frame, input);
            foreach (var rule in _rules)
            {
                if (frame.Evaluate(rule.Condition, effective))
                    return Leave(frame, effective, rule.Assign, rule.NextIndex);
            }

            if (DefaultIndex >= 0)
                return Leave(frame, effective, Assign, DefaultIndex);
            // AWS's error reference keeps States.NoChoiceMatched "reserved for future use": a Choice with no match and
            // no Default fails with States.Runtime (moto, LocalStack's AWS-recorded interpreter, agrees).
            return StepResult.Failed(RuntimeError(frame, "No Choice Rules matched and no Default was specified."));
        }
        catch (StatesErrorException e)
        {
            return StepResult.Failed(FromException(frame, e));
        }
    }

    private StepResult Leave(RunFrame frame, JsonValue effective, PreparedTemplate? assign, int next)
    {
        var assigned = EvaluateAssign(frame, assign, effective);
        var output = OutputPath.Select(frame, effective);
        return Exit(frame, output, assigned, next);
    }

    private sealed record Rule(ConditionEvaluator Condition, int NextIndex, PreparedTemplate? Assign);
}
