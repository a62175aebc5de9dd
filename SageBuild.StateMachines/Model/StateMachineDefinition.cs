namespace SageBuild.StateMachines.Model;

/// <summary>A whole ASL document.</summary>
public sealed record StateMachineDefinition : StateGraph
{
    /// <summary>The most seconds an execution may run; beyond it the execution is TIMED_OUT.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>The ASL version, "1.0".</summary>
    public string? Version { get; init; }

    /// <summary>The default query language of every state (JSONPath when absent).</summary>
    public QueryLanguage? QueryLanguage { get; init; }
}
