using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>Pass: its input, a fixed Result or a Parameters template, placed by ResultPath.</summary>
internal sealed class PassNode : StateNode
{
    private readonly JsonValue? _result;
    private readonly PreparedTemplate? _parameters;
    private readonly ResultPathSpec _resultPath;
    private readonly bool _resultTooLarge;

    public PassNode(string name, PassState state)
        : base(name, state, HistoryEventType.PassStateEntered, HistoryEventType.PassStateExited)
    {
        _result = state.Result;
        _parameters = PreparedTemplate.CompileOptional(state.Parameters);
        _resultPath = ResultPathSpec.From(state.ResultPath);
        _resultTooLarge = _result is not null && PayloadLimit.Exceeds(_result);
    }

    public override bool IsSynchronous => true;

    public override StepResult Execute(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        try
        {
            if (_resultTooLarge)
                return StepResult.Failed(DataLimit());
            var effective = InputPath.Select(frame, input);
            var result = _result ?? (_parameters is null ? effective : _parameters.Evaluate(frame, effective));
            var assigned = EvaluateAssign(frame, Assign, result);
            var output = OutputPath.Select(frame, _resultPath.Apply(input, result));
            if (!ReferenceEquals(output, input) && !ReferenceEquals(output, _result) && PayloadLimit.Exceeds(output))
                return StepResult.Failed(DataLimit());
            return Exit(frame, output, assigned, NextIndex);
        }
        catch (StatesErrorException e)
        {
            return StepResult.Failed(FromException(frame, e));
        }
    }
}
