using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>Fail in JSONata: Error and Cause, each a literal or an expression that gives a string.</summary>
internal sealed class JsonataFailNode(string name, FailState state)
    : StateNode(name, state, HistoryEventType.FailStateEntered, HistoryEventType.FailStateEntered, jsonata: true)
{
    private readonly JsonataValueField? _error = JsonataValueField.From(state.Error, "Error");
    private readonly JsonataValueField? _cause = JsonataValueField.From(state.Cause, "Cause");

    public override bool IsSynchronous => true;

    public override StepResult Execute(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        try
        {
            var bindings = JsonataFields.Bindings(frame, input);
            var error = _error?.Text(bindings);
            var cause = _cause?.Text(bindings);
            return StepResult.Failed(new Failure(error, cause));
        }
        catch (QueryEvaluationException e)
        {
            return StepResult.Failed(EvaluationFailed(frame, e));
        }
    }
}
