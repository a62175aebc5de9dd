using SageBuild.Engine.History;
using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>
/// Choice in JSONata: each rule's Condition is an expression that must give a boolean; the first true one is taken with
/// its own Assign and Output (Output falls back to the state's, then to the input). With no match, Default is taken
/// with the state's Assign and Output, else the state fails as a JSONPath Choice does.
/// </summary>
internal sealed class JsonataChoiceNode : StateNode
{
    private readonly Rule[] _rules;
    private readonly int _defaultIndex;

    public JsonataChoiceNode(string name, ChoiceState state, Func<string, int> indexOf)
        : base(name, state, HistoryEventType.ChoiceStateEntered, HistoryEventType.ChoiceStateExited, jsonata: true)
    {
        var rules = new Rule[state.Choices.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = state.Choices[i];
            if (rule.Condition is not JsonataCondition condition)
                throw new FormatException($"Choices[{i}]: a JSONata Choice rule needs a Condition");
            rules[i] = new Rule(
                JsonataValueField.From(condition.Expression, "Condition")!,
                indexOf(rule.Next),
                JsonataFields.Template(rule.Assign, "Assign"),
                JsonataFields.Template(rule.Output, "Output"));
        }

        _rules = rules;
        _defaultIndex = state.Default is { } target ? indexOf(target) : -1;
    }

    public override bool IsSynchronous => true;

    public override StepResult Execute(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        try
        {
            var bindings = JsonataFields.Bindings(frame, input);
            foreach (var rule in _rules)
            {
                var holds = rule.Condition.Evaluate(bindings);
                if (holds is not JsonBoolean b)
                    throw rule.Condition.Unexpected("boolean", holds);
                if (b.Value)
                    return Leave(frame, bindings, input, rule.Assign, rule.Output ?? JsonataOutput, rule.NextIndex);
            }

            if (_defaultIndex >= 0)
                return Leave(frame, bindings, input, JsonataAssign, JsonataOutput, _defaultIndex);
            return StepResult.Failed(RuntimeError(frame, "No Choice Rules matched and no Default was specified."));
        }
        catch (QueryEvaluationException e)
        {
            return StepResult.Failed(EvaluationFailed(frame, e));
        }
    }

    private StepResult Leave(RunFrame frame, JsonataBindings bindings, JsonValue input, JsonataTemplate? assign, JsonataTemplate? output, int next)
    {
        var assigned = JsonataFields.Assign(assign, bindings);
        return Exit(frame, JsonataFields.Output(output, bindings, input), assigned, next);
    }

    private sealed record Rule(JsonataValueField Condition, int NextIndex, JsonataTemplate? Assign, JsonataTemplate? Output);
}
