using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores;

/// <summary>
/// An execution's row: what DescribeExecution shows. It is a cache of the history (every field follows from the
/// events), kept beside it so that listing and describing need no fold.
/// </summary>
/// <param name="ExecutionArn">The execution's ARN.</param>
/// <param name="StateMachineArn">The state machine's ARN.</param>
/// <param name="Name">The execution's name.</param>
/// <param name="Definition">The ASL text the execution runs (an execution stays pinned to it, even if the machine changes).</param>
/// <param name="Status">The status.</param>
/// <param name="StartDate">When it started.</param>
/// <param name="Input">The input.</param>
public sealed record ExecutionRecord(string ExecutionArn, string StateMachineArn, string Name, string Definition, ExecutionStatus Status, DateTimeOffset StartDate, JsonValue Input)
{
    /// <summary>When it ended, once it has.</summary>
    public DateTimeOffset? StopDate { get; init; }

    /// <summary>The output, when it succeeded.</summary>
    public JsonValue? Output { get; init; }

    /// <summary>The error, when it failed, timed out or was aborted with one.</summary>
    public string? Error { get; init; }

    /// <summary>The cause, with the error.</summary>
    public string? Cause { get; init; }

    /// <summary>The clock the execution runs on (resume must keep it).</summary>
    public bool UsesVirtualClock { get; init; }

    /// <summary>The seed of the execution's random source (recorded so that a resumed run draws the same numbers).</summary>
    public int RandomSeed { get; init; }
}
