namespace SageBuild.Engine.Api.Dashboard.Status;

/// <summary>What one execution did in one state: its status, and the data of its latest visit.</summary>
/// <param name="Name">The state's name.</param>
/// <param name="Status">The status (<see cref="StateStatus.Failed"/> if any visit failed; otherwise that of the latest visit).</param>
/// <param name="Visits">How many times the state was entered (a loop, a retry of the execution, Map iterations).</param>
/// <param name="Outcomes">How many visits ended each way (a Map's iterations can end differently).</param>
internal sealed record StateSummary(string Name, StateStatus Status, int Visits, IReadOnlyDictionary<StateStatus, int> Outcomes)
{
    /// <summary>The input of the latest visit, as JSON text.</summary>
    public string? Input { get; init; }

    /// <summary>The output of the latest visit that left the state, as JSON text.</summary>
    public string? Output { get; init; }

    /// <summary>The latest error the state raised.</summary>
    public string? Error { get; init; }

    /// <summary>The cause of <see cref="Error"/>.</summary>
    public string? Cause { get; init; }

    /// <summary>When the latest visit entered.</summary>
    public DateTimeOffset? EnteredAt { get; init; }

    /// <summary>When the latest visit that left the state left it.</summary>
    public DateTimeOffset? ExitedAt { get; init; }

    /// <summary>The id of the event that entered the latest visit (to find it in the event history).</summary>
    public long EnteredEventId { get; init; }
}
