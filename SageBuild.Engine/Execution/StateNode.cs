using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>
/// A prepared state: immutable, shared by every run, with its transitions resolved to indexes and its paths and
/// templates compiled. One sealed subclass per state type; all run-time data lives in the <see cref="RunFrame"/>.
/// </summary>
internal abstract class StateNode
{
    protected StateNode(string name, State state, HistoryEventType entered, HistoryEventType exited, bool jsonata = false)
    {
        Name = name;
        EnteredType = entered;
        ExitedType = exited;
        IsJsonata = jsonata;
        if (jsonata)
        {
            if (state is DataFlowState jsonataFlow)
            {
                JsonataOutput = JsonataFields.Template(jsonataFlow.Output, "Output");
                JsonataAssign = JsonataFields.Template(jsonataFlow.Assign, "Assign");
            }
        }
        else if (state is DataFlowState flow)
        {
            InputPath = PreparedPath.From(flow.InputPath);
            OutputPath = PreparedPath.From(flow.OutputPath);
            Assign = PreparedTemplate.CompileOptional(flow.Assign);
        }
    }

    public string Name { get; }

    /// <summary>The index of the next state, or -1 when the state ends its graph.</summary>
    public int NextIndex { get; set; } = -1;

    /// <summary>
    /// Whether the state has Retry (Task, Parallel, Map): only those have <c>$$.State.RetryCount</c>. AWS's recorded
    /// context object of a Pass state holds EnteredTime and Name only (test_query_context_object_values).
    /// </summary>
    protected virtual bool CanRetry => false;

    /// <summary>Whether <see cref="Execute"/> does all the work (no waiting): the run loop then skips the async machinery.</summary>
    public abstract bool IsSynchronous { get; }

    protected HistoryEventType EnteredType { get; }

    protected HistoryEventType ExitedType { get; }

    protected PreparedPath InputPath { get; } = PreparedPath.Identity;

    protected PreparedPath OutputPath { get; } = PreparedPath.Identity;

    protected PreparedTemplate? Assign { get; }

    /// <summary>Whether the state's query language is JSONata (its own or the definition's).</summary>
    protected bool IsJsonata { get; }

    /// <summary>JSONata: the state's Output template, compiled once.</summary>
    protected JsonataTemplate? JsonataOutput { get; }

    /// <summary>JSONata: the state's Assign template, compiled once.</summary>
    protected JsonataTemplate? JsonataAssign { get; }

    public virtual StepResult Execute(RunFrame frame, JsonValue input) =>
        throw new InvalidOperationException($"the {GetType().Name} for '{Name}' runs asynchronously");

    public virtual ValueTask<StepResult> ExecuteAsync(RunFrame frame, JsonValue input) => new(Execute(frame, input));

    /// <summary>Records the Entered event and makes this the frame's current state.</summary>
    protected void Enter(RunFrame frame, JsonValue input)
    {
        frame.StateName = Name;
        frame.RetryCount = CanRetry ? 0 : -1;
        frame.TaskToken = null;
        frame.EnteredSourceId = frame.Source;
        frame.EnteredEventId = frame.Emit(EnteredType, new StateEnteredEventDetails(Name, input));
        frame.EnteredTime = frame.LastEventTime;
    }

    /// <summary>Records the Exited event, applies the state's assignments and moves on.</summary>
    protected StepResult Exit(RunFrame frame, JsonValue output, JsonObject? assigned, int nextIndex)
    {
        frame.Emit(ExitedType, new StateExitedEventDetails(Name, output, assigned));
        if (assigned is not null)
            frame.Variables.Assign(assigned);
        return StepResult.Transition(nextIndex, output);
    }

    /// <summary>Evaluates an Assign template into the variables to set (applied only when the state exits).</summary>
    protected static JsonObject? EvaluateAssign(RunFrame frame, PreparedTemplate? assign, JsonValue input) =>
        assign is null ? null : assign.Evaluate(frame, input) as JsonObject ?? JsonObject.Empty;

    /// <summary>States.Runtime, worded as AWS words it: which state, entered at which event, and what went wrong.</summary>
    protected Failure RuntimeError(RunFrame frame, string message) =>
        new(ErrorNames.Runtime, $"An error occurred while executing the state '{Name}' (entered at the event id #{frame.EnteredEventId}). {message}");

    /// <summary>An error raised while evaluating an expression, as the state reports it.</summary>
    protected Failure FromException(RunFrame frame, StatesErrorException e) =>
        e.Error.Error == ErrorNames.Runtime ? RuntimeError(frame, e.Error.Cause) : new Failure(e.Error.Error, e.Error.Cause);

    /// <summary>
    /// A JSONata field failed: records EvaluationFailed (the field, and the cause with the state's name and Entered
    /// event) and gives the States.QueryEvaluationError the state fails with. AWS links the event to the one before
    /// Entered when nothing else has happened since (Pass, Map), but a Wait's to its Entered event, which
    /// <paramref name="followsEntered"/> says.
    /// </summary>
    protected Failure EvaluationFailed(RunFrame frame, QueryEvaluationException e, bool followsEntered = false)
    {
        var cause = JsonataFailure.InState(e.Message, Name, frame.EnteredEventId);
        if (!followsEntered && frame.Source == frame.EnteredEventId)
            frame.Source = frame.EnteredSourceId;
        frame.Emit(HistoryEventType.EvaluationFailed, new EvaluationFailedEventDetails(ErrorNames.QueryEvaluationError, cause, e.Location, Name));
        return new Failure(ErrorNames.QueryEvaluationError, cause);
    }

    /// <summary>States.DataLimitExceeded for a result over 256 KiB.</summary>
    protected Failure DataLimit() =>
        new(ErrorNames.DataLimitExceeded, $"The state/task '{Name}' returned a result with a size exceeding the maximum number of bytes service limit.");
}
