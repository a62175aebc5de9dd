using System.Collections.Frozen;
using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Event types as stored. Format 1 of <see cref="HistoryStepCodec"/> stores the type's name; format 2 its code: its
/// place in <see cref="Stored"/>, a list that only ever grows at its end, so that a reordered or extended enum never
/// changes what a stored event means (EventTypesTests holds it to that).
/// </summary>
internal static class EventTypes
{
    /// <summary>Every type in the order of its code. Append new types at the end; never reorder or remove.</summary>
    internal static readonly string[] Stored =
    [
        "ActivityFailed", "ActivityScheduled", "ActivityScheduleFailed", "ActivityStarted", "ActivitySucceeded",
        "ActivityTimedOut", "ChoiceStateEntered", "ChoiceStateExited", "ExecutionAborted", "ExecutionFailed",
        "ExecutionStarted", "ExecutionSucceeded", "ExecutionTimedOut", "FailStateEntered", "LambdaFunctionFailed",
        "LambdaFunctionScheduled", "LambdaFunctionScheduleFailed", "LambdaFunctionStarted",
        "LambdaFunctionStartFailed", "LambdaFunctionSucceeded", "LambdaFunctionTimedOut", "MapIterationAborted",
        "MapIterationFailed", "MapIterationStarted", "MapIterationSucceeded", "MapStateAborted", "MapStateEntered",
        "MapStateExited", "MapStateFailed", "MapStateStarted", "MapStateSucceeded", "ParallelStateAborted",
        "ParallelStateEntered", "ParallelStateExited", "ParallelStateFailed", "ParallelStateStarted",
        "ParallelStateSucceeded", "PassStateEntered", "PassStateExited", "SucceedStateEntered", "SucceedStateExited",
        "TaskFailed", "TaskScheduled", "TaskStarted", "TaskStartFailed", "TaskStateAborted", "TaskStateEntered",
        "TaskStateExited", "TaskSubmitFailed", "TaskSubmitted", "TaskSucceeded", "TaskTimedOut", "WaitStateAborted",
        "WaitStateEntered", "WaitStateExited", "MapRunAborted", "MapRunFailed", "MapRunStarted", "MapRunSucceeded",
        "ExecutionRedriven", "MapRunRedriven", "EvaluationFailed",
    ];

    private static readonly FrozenDictionary<string, HistoryEventType> Types = Enum.GetValues<HistoryEventType>().ToFrozenDictionary(t => t.ToString(), StringComparer.Ordinal);
    private static readonly byte[] Codes = [.. Enum.GetValues<HistoryEventType>().Select(t => (byte)Array.IndexOf(Stored, t.ToString()))];
    private static readonly HistoryEventType[] ByCode = [.. Stored.Select(Parse)];

    public static HistoryEventType Parse(string name) =>
        Types.TryGetValue(name, out var type) ? type : throw new FormatException($"the store holds an event of an unknown type '{name}'");

    /// <summary>The type's stored code.</summary>
    public static byte Code(HistoryEventType type) => Codes[(int)type];

    /// <summary>The type of a stored code.</summary>
    public static HistoryEventType FromCode(byte code) =>
        code < ByCode.Length ? ByCode[code] : throw new FormatException($"the store holds an event of an unknown type code {code}");
}
