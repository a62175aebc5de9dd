using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Model;

/// <summary>Does one unit of work through a service integration or an activity.</summary>
public sealed record TaskState : RetryableState
{
    /// <inheritdoc />
    public override StateType Type => StateType.Task;

    /// <summary>The ARN of the integration, Lambda function or activity, with its pattern suffix.</summary>
    public required string Resource { get; init; }

    /// <summary>The most seconds the task may run.</summary>
    public NumberOrJsonata? TimeoutSeconds { get; init; }

    /// <summary>A reference path to <see cref="TimeoutSeconds"/>.</summary>
    public string? TimeoutSecondsPath { get; init; }

    /// <summary>The most seconds between heartbeats.</summary>
    public NumberOrJsonata? HeartbeatSeconds { get; init; }

    /// <summary>A reference path to <see cref="HeartbeatSeconds"/>.</summary>
    public string? HeartbeatSecondsPath { get; init; }

    /// <summary>The role to assume for the task: <c>{"RoleArn": ...}</c> or <c>{"RoleArn.$": ...}</c>.</summary>
    public JsonObject? Credentials { get; init; }
}
