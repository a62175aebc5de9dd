using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>Pass in JSONata: Output (default: the input) and Assign, both evaluated against the state's input.</summary>
internal sealed class JsonataPassNode(string name, PassState state)
    : StateNode(name, state, HistoryEventType.PassStateEntered, HistoryEventType.PassStateExited, jsonata: true)
{
    public override bool IsSynchronous => true;

    public override StepResult Execute(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        if (JsonataAssign is null && JsonataOutput is null)
            return Exit(frame, input, null, NextIndex);
        try
        {
            // Assign and Output see the variables as they were when the state was entered (AWS evaluates both first).
            var bindings = JsonataFields.Bindings(frame, input);
            var assigned = JsonataFields.Assign(JsonataAssign, bindings);
            var output = JsonataFields.Output(JsonataOutput, bindings, input);
            if (!ReferenceEquals(output, input) && PayloadLimit.Exceeds(output))
                return StepResult.Failed(DataLimit());
            return Exit(frame, output, assigned, NextIndex);
        }
        catch (QueryEvaluationException e)
        {
            return StepResult.Failed(EvaluationFailed(frame, e));
        }
    }
}
