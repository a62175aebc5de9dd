using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks;

/// <summary>
/// What every task shares: timeouts, heartbeat, paths, ResultSelector, credentials, Retry/Catch and the
/// integration pattern. Each typed task adds its own request fields in a derived record.
/// </summary>
public record TaskStateOptions : ResultStateOptions
{
    /// <summary>How the task waits for its service; each task accepts only the patterns its integration supports.</summary>
    /// <value>Defaults to <see cref="IntegrationPattern.RequestResponse"/>.</value>
    public IntegrationPattern IntegrationPattern { get; init; } = TaskStateDefaults.IntegrationPattern;

    /// <summary>The most seconds the task may run: a number, a JSONPath reference (TimeoutSecondsPath) or a JSONata expression.</summary>
    /// <value>None by default: AWS's limit (a year; 60 seconds for activities without one is not applied to integrations).</value>
    public Field<double>? TimeoutSeconds { get; init; }

    /// <summary>The most seconds between heartbeats; shorter than <see cref="TimeoutSeconds"/>.</summary>
    /// <value>None by default.</value>
    public Field<double>? HeartbeatSeconds { get; init; }

    /// <summary>A role the task assumes instead of the state machine's (Credentials.RoleArn).</summary>
    /// <value>None by default: the state machine's role.</value>
    public Field<string>? Credentials { get; init; }

    /// <summary>
    /// Raw request fields merged over the typed ones, for API fields the typed options do not cover; a key here
    /// replaces the typed value of the same key, whether literal or dynamic.
    /// </summary>
    /// <value>None by default.</value>
    public TaskInput? AdditionalParameters { get; init; }
}
