using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Integrations;

/// <summary>
/// What a service call gave: a result, or an ASL error that Retry and Catch match against. Outcomes are values,
/// not exceptions: a failed training job is an ordinary result of the integration.
/// </summary>
public readonly record struct IntegrationOutcome
{
    private IntegrationOutcome(JsonValue? result, string? error, string? cause)
    {
        Result = result;
        Error = error;
        Cause = cause;
    }

    /// <summary>The result, when the call succeeded.</summary>
    public JsonValue? Result { get; }

    /// <summary>The error name, such as <c>States.TaskFailed</c> or <c>SageMaker.ResourceLimitExceeded</c>, when it failed.</summary>
    public string? Error { get; }

    /// <summary>The cause, when it failed.</summary>
    public string? Cause { get; }

    /// <summary>Whether the call failed.</summary>
    public bool Failed => Error is not null;

    /// <summary>A successful call.</summary>
    public static IntegrationOutcome Success(JsonValue result) => new(result ?? throw new ArgumentNullException(nameof(result)), null, null);

    /// <summary>A failed call.</summary>
    public static IntegrationOutcome Failure(string error, string? cause) => new(null, error ?? throw new ArgumentNullException(nameof(error)), cause);
}
