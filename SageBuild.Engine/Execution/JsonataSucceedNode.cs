using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>Succeed in JSONata: ends its graph with its Output (default: the input).</summary>
internal sealed class JsonataSucceedNode(string name, SucceedState state)
    : StateNode(name, state, HistoryEventType.SucceedStateEntered, HistoryEventType.SucceedStateExited, jsonata: true)
{
    public override bool IsSynchronous => true;

    public override StepResult Execute(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        if (JsonataOutput is null)
            return Exit(frame, input, null, -1);
        try
        {
            var output = JsonataFields.Output(JsonataOutput, JsonataFields.Bindings(frame, input), input);
            return Exit(frame, output, null, -1);
        }
        catch (QueryEvaluationException e)
        {
            return StepResult.Failed(EvaluationFailed(frame, e));
        }
    }
}
