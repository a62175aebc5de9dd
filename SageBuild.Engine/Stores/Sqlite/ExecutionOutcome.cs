using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>The part of an <see cref="ExecutionRecord"/> that changes after its creation: what an update of its row writes.</summary>
internal sealed class ExecutionOutcome(ExecutionStatus status, DateTimeOffset? stopDate, JsonValue? output, string? error, string? cause)
{
    private byte[]? _outputJson;

    public ExecutionStatus Status { get; } = status;

    public DateTimeOffset? StopDate { get; } = stopDate;

    public JsonValue? Output { get; } = output;

    public string? Error { get; } = error;

    public string? Cause { get; } = cause;

    /// <summary>The output as UTF-8 JSON (null without one), made once for the redo log and SQLite both.</summary>
    public byte[]? OutputJson => Output is null ? null : _outputJson ??= RecordJson.Utf8(Output);

    public static ExecutionOutcome Of(ExecutionRecord record) => new(record.Status, record.StopDate, record.Output, record.Error, record.Cause);

    /// <summary>The record as created, with this outcome.</summary>
    public ExecutionRecord AppliedTo(ExecutionRecord created) =>
        created with { Status = Status, StopDate = StopDate, Output = Output, Error = Error, Cause = Cause };
}
