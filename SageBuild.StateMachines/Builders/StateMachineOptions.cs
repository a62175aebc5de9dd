using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>The top-level fields of a state machine.</summary>
public sealed record StateMachineOptions
{
    /// <summary>A human-readable description.</summary>
    /// <value>None by default.</value>
    public string? Comment { get; init; }

    /// <summary>The longest an execution may run, in whole seconds; beyond it the execution times out.</summary>
    /// <value>None by default: AWS's limit (a year for standard workflows).</value>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The ASL version.</summary>
    /// <value>Defaults to "1.0".</value>
    public string? Version { get; init; } = "1.0";

    /// <summary>The default query language of every state.</summary>
    /// <value>Null by default: JSONPath.</value>
    public QueryLanguage? QueryLanguage { get; init; }
}
