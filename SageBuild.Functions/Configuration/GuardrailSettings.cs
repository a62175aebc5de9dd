using SageBuild.StateMachines.Tasks.SageMaker;

namespace SageBuild.Functions.Configuration;

/// <summary>How an existing endpoint is updated (<c>guardrails</c>).</summary>
public sealed record GuardrailSettings
{
    /// <summary>How traffic moves to the new fleet.</summary>
    /// <value>Defaults to ALL_AT_ONCE.</value>
    public TrafficRoutingType TrafficRouting { get; init; } = TrafficRoutingType.ALL_AT_ONCE;

    /// <summary>The canary's or each linear step's size, in percent.</summary>
    /// <value>None by default (required for CANARY and LINEAR).</value>
    public double? SizePercent { get; init; }

    /// <summary>The baking time between shifts.</summary>
    /// <value>Defaults to 300 seconds.</value>
    public int WaitSeconds { get; init; } = ConfigurationDefaults.GuardrailWaitSeconds;

    /// <summary>Alarms that roll the update back.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<string> Alarms { get; init; } = [];

    /// <summary>How long the old fleet is kept after the shift.</summary>
    /// <value>None by default: SageMaker's default.</value>
    public int? TerminationWaitSeconds { get; init; }

    /// <summary>The longest the update may take.</summary>
    /// <value>None by default: SageMaker's default.</value>
    public int? MaximumExecutionTimeoutSeconds { get; init; }

    /// <summary>How long the pipeline waits for the endpoint.</summary>
    /// <value>Defaults to 3600 seconds.</value>
    public int EndpointTimeoutSeconds { get; init; } = ConfigurationDefaults.EndpointTimeoutSeconds;

    /// <summary>How often the pipeline checks the endpoint.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public int PollSeconds { get; init; } = ConfigurationDefaults.EndpointPollSeconds;
}
