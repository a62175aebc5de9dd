using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>The part of an <see cref="ExecutionRecord"/> that changes after its creation: what an update of its row writes.</summary>
internal sealed record ExecutionOutcome(ExecutionStatus Status, DateTimeOffset? StopDate, JsonValue? Output, string? Error, string? Cause)
{
    public static ExecutionOutcome Of(ExecutionRecord record) => new(record.Status, record.StopDate, record.Output, record.Error, record.Cause);

    /// <summary>The record as created, with this outcome.</summary>
    public ExecutionRecord AppliedTo(ExecutionRecord created) =>
        created with { Status = Status, StopDate = StopDate, Output = Output, Error = Error, Cause = Cause };
}
