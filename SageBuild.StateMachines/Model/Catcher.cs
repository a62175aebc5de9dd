using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Model;

/// <summary>One <c>Catch</c> rule: where to go when a matching error is not retried.</summary>
public sealed record Catcher
{
    /// <summary>The error names this rule matches.</summary>
    public required ValueList<string> ErrorEquals { get; init; }

    /// <summary>The state to go to.</summary>
    public required string Next { get; init; }

    /// <summary>Where the error output goes in the input; null discards it.</summary>
    public NullablePath? ResultPath { get; init; }

    /// <summary>Variables to assign.</summary>
    public JsonObject? Assign { get; init; }

    /// <summary>JSONata: the output passed to <see cref="Next"/>.</summary>
    public JsonValue? Output { get; init; }

    /// <summary>A human-readable description.</summary>
    public string? Comment { get; init; }
}
