using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>Succeed: ends its graph with its input, filtered by InputPath and OutputPath.</summary>
internal sealed class SucceedNode(string name, SucceedState state)
    : StateNode(name, state, HistoryEventType.SucceedStateEntered, HistoryEventType.SucceedStateExited)
{
    public override bool IsSynchronous => true;

    public override StepResult Execute(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        try
        {
            var output = OutputPath.Select(frame, InputPath.Select(frame, input));
            return Exit(frame, output, null, -1);
        }
        catch (StatesErrorException e)
        {
            return StepResult.Failed(FromException(frame, e));
        }
    }
}
