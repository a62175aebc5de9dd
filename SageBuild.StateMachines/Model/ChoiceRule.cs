using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Model;

/// <summary>A top-level Choice rule: a condition and the state to go to when it holds.</summary>
public sealed record ChoiceRule
{
    /// <summary>The condition.</summary>
    public required Condition Condition { get; init; }

    /// <summary>The state to go to.</summary>
    public required string Next { get; init; }

    /// <summary>Variables to assign when this rule is taken.</summary>
    public JsonObject? Assign { get; init; }

    /// <summary>JSONata: the state's output when this rule is taken.</summary>
    public JsonValue? Output { get; init; }

    /// <summary>A human-readable description.</summary>
    public string? Comment { get; init; }
}
