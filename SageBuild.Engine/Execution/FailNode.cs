using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>Fail: ends its graph with an error and a cause, literal or taken from a path or intrinsic function.</summary>
internal sealed class FailNode : StateNode
{
    private readonly string? _error;
    private readonly string? _cause;
    private readonly DynamicString? _errorPath;
    private readonly DynamicString? _causePath;

    public FailNode(string name, FailState state)
        : base(name, state, HistoryEventType.FailStateEntered, HistoryEventType.FailStateEntered)
    {
        _error = state.Error;
        _cause = state.Cause;
        _errorPath = state.ErrorPath is { } errorPath ? new DynamicString("ErrorPath", errorPath) : null;
        _causePath = state.CausePath is { } causePath ? new DynamicString("CausePath", causePath) : null;
    }

    public override bool IsSynchronous => true;

    public override StepResult Execute(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        try
        {
            var error = _errorPath is null ? _error : _errorPath.Evaluate(frame, input);
            var cause = _causePath is null ? _cause : _causePath.Evaluate(frame, input);
            return StepResult.Failed(new Failure(error, cause));
        }
        catch (StatesErrorException e)
        {
            return StepResult.Failed(FromException(frame, e));
        }
    }
}
