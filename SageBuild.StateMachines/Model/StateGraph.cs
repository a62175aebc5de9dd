namespace SageBuild.StateMachines.Model;

/// <summary>
/// States with a start: the top level of a definition, a Parallel branch and a Map's item processor.
/// Transitions never leave the graph they are in.
/// </summary>
public record StateGraph
{
    /// <summary>The name of the first state.</summary>
    public required string StartAt { get; init; }

    /// <summary>The states, by name, in document order.</summary>
    public required StateMap States { get; init; }

    /// <summary>A human-readable description.</summary>
    public string? Comment { get; init; }
}
