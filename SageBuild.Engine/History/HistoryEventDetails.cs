using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.History;

/// <summary>
/// The details of an event. The JSON member that holds them (such as <c>stateEnteredEventDetails</c>) follows from
/// the event's type; see <see cref="HistoryJson"/>. Data is kept as <see cref="JsonValue"/>s and serialised only when read.
/// </summary>
public abstract record HistoryEventDetails;

/// <summary>ExecutionStarted: the input and the role.</summary>
public sealed record ExecutionStartedEventDetails(JsonValue Input, string RoleArn, string? DefinitionHash) : HistoryEventDetails;

/// <summary>ExecutionSucceeded, and the output events of tasks and activities.</summary>
public sealed record OutputEventDetails(JsonValue Output) : HistoryEventDetails;

/// <summary>Every failure-like event: ExecutionFailed/Aborted/TimedOut, TaskFailed/TimedOut/StartFailed/SubmitFailed, MapRunFailed, ...</summary>
/// <param name="Error">The error name, if any.</param>
/// <param name="Cause">The cause, if any.</param>
/// <param name="ResourceType">For task events, the service (such as <c>lambda</c>).</param>
/// <param name="Resource">For task events, the action (such as <c>invoke</c>).</param>
public sealed record ErrorEventDetails(string? Error, string? Cause, string? ResourceType = null, string? Resource = null) : HistoryEventDetails;

/// <summary>{Type}StateEntered: the state's name and raw input.</summary>
public sealed record StateEnteredEventDetails(string Name, JsonValue Input) : HistoryEventDetails;

/// <summary>{Type}StateExited: the state's name, output and the variables it assigned.</summary>
public sealed record StateExitedEventDetails(string Name, JsonValue Output, JsonObject? AssignedVariables) : HistoryEventDetails;

/// <summary>MapStateStarted: the number of items.</summary>
public sealed record MapStateStartedEventDetails(int Length) : HistoryEventDetails;

/// <summary>MapIterationStarted/Succeeded/Failed/Aborted: the Map state's name and the item's index.</summary>
public sealed record MapIterationEventDetails(string Name, int Index) : HistoryEventDetails;

/// <summary>MapRunStarted: the map run's ARN, and what DescribeMapRun shows of it once it has ended.</summary>
/// <param name="MapRunArn">The Map Run's ARN (all GetExecutionHistory shows, as AWS does).</param>
/// <param name="Facts">
/// Its evaluated settings and item count, recorded for DescribeMapRun (never shown in the history); null in a history
/// recorded before they were.
/// </param>
public sealed record MapRunStartedEventDetails(string MapRunArn, MapRunFacts? Facts = null) : HistoryEventDetails;

/// <summary>TaskScheduled: the service, action, region, evaluated parameters and limits.</summary>
public sealed record TaskScheduledEventDetails(string ResourceType, string Resource, string Region, JsonValue Parameters, long? TimeoutInSeconds, long? HeartbeatInSeconds) : HistoryEventDetails;

/// <summary>TaskStarted: the service and action.</summary>
public sealed record TaskStartedEventDetails(string ResourceType, string Resource) : HistoryEventDetails;

/// <summary>TaskSucceeded/TaskSubmitted: the service, action and output.</summary>
public sealed record TaskOutputEventDetails(string ResourceType, string Resource, JsonValue Output) : HistoryEventDetails;

/// <summary>LambdaFunctionScheduled/ActivityScheduled: the function or activity, the input and the timeout.</summary>
public sealed record ResourceScheduledEventDetails(string Resource, JsonValue Input, long? TimeoutInSeconds, long? HeartbeatInSeconds) : HistoryEventDetails;

/// <summary>EvaluationFailed: a JSONata field that failed (States.QueryEvaluationError), the field and the state.</summary>
/// <param name="Error">The error name.</param>
/// <param name="Cause">The cause, with the state's name and entry event.</param>
/// <param name="Location">The field, such as <c>Output/result</c>; absent when the failure is not one field's.</param>
/// <param name="State">The state's name.</param>
public sealed record EvaluationFailedEventDetails(string Error, string Cause, string? Location, string State) : HistoryEventDetails;

/// <summary>ExecutionRedriven: the how-manieth redrive this is. Stored without it (null details) and derived from the history when shown.</summary>
public sealed record ExecutionRedrivenEventDetails(int RedriveCount) : HistoryEventDetails;
