using System.Collections.Frozen;
using SageBuild.Engine.Api.Model;

namespace SageBuild.Engine.Api.Dashboard.Status;

/// <summary>What each history event type means for the state it happens in.</summary>
internal static class HistoryEventKinds
{
    /// <summary>A state's own work raised an error (its Retry or Catch decides what follows).</summary>
    private static readonly FrozenSet<string> StateErrors = FrozenSet.Create(StringComparer.Ordinal,
        "TaskFailed", "TaskStartFailed", "TaskSubmitFailed", "TaskTimedOut",
        "LambdaFunctionFailed", "LambdaFunctionScheduleFailed", "LambdaFunctionStartFailed", "LambdaFunctionTimedOut",
        "ActivityFailed", "ActivityScheduleFailed", "ActivityTimedOut",
        "EvaluationFailed");

    /// <summary>A state's work is (re)scheduled: after an error, that is a retry.</summary>
    private static readonly FrozenSet<string> Retries = FrozenSet.Create(StringComparer.Ordinal,
        "TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled");

    private static readonly FrozenSet<string> StateAborts = FrozenSet.Create(StringComparer.Ordinal,
        "TaskStateAborted", "WaitStateAborted");

    public static bool IsStateError(string type) => StateErrors.Contains(type);

    public static bool IsRetry(string type) => Retries.Contains(type);

    public static bool IsStateAbort(string type) => StateAborts.Contains(type);

    /// <summary>An event of a Parallel or Map itself, or of one of its iterations or runs.</summary>
    public static bool IsContainerEvent(string type) =>
        type.StartsWith("MapIteration", StringComparison.Ordinal)
        || type.StartsWith("MapRun", StringComparison.Ordinal)
        || ((type.StartsWith("MapState", StringComparison.Ordinal) || type.StartsWith("ParallelState", StringComparison.Ordinal))
            && !type.EndsWith("Entered", StringComparison.Ordinal) && !type.EndsWith("Exited", StringComparison.Ordinal));

    /// <summary>The error and cause an event reports, if it reports one.</summary>
    public static (string? Error, string? Cause) ErrorOf(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type.Value switch
        {
            "TaskFailed" => (e.TaskFailedEventDetails?.Error, e.TaskFailedEventDetails?.Cause),
            "TaskStartFailed" => (e.TaskStartFailedEventDetails?.Error, e.TaskStartFailedEventDetails?.Cause),
            "TaskSubmitFailed" => (e.TaskSubmitFailedEventDetails?.Error, e.TaskSubmitFailedEventDetails?.Cause),
            "TaskTimedOut" => (e.TaskTimedOutEventDetails?.Error, e.TaskTimedOutEventDetails?.Cause),
            "LambdaFunctionFailed" => (e.LambdaFunctionFailedEventDetails?.Error, e.LambdaFunctionFailedEventDetails?.Cause),
            "LambdaFunctionScheduleFailed" => (e.LambdaFunctionScheduleFailedEventDetails?.Error, e.LambdaFunctionScheduleFailedEventDetails?.Cause),
            "LambdaFunctionStartFailed" => (e.LambdaFunctionStartFailedEventDetails?.Error, e.LambdaFunctionStartFailedEventDetails?.Cause),
            "LambdaFunctionTimedOut" => (e.LambdaFunctionTimedOutEventDetails?.Error, e.LambdaFunctionTimedOutEventDetails?.Cause),
            "ActivityFailed" => (e.ActivityFailedEventDetails?.Error, e.ActivityFailedEventDetails?.Cause),
            "ActivityScheduleFailed" => (e.ActivityScheduleFailedEventDetails?.Error, e.ActivityScheduleFailedEventDetails?.Cause),
            "ActivityTimedOut" => (e.ActivityTimedOutEventDetails?.Error, e.ActivityTimedOutEventDetails?.Cause),
            "EvaluationFailed" => (e.EvaluationFailedEventDetails?.Error, e.EvaluationFailedEventDetails?.Cause),
            "MapRunFailed" => (e.MapRunFailedEventDetails?.Error, e.MapRunFailedEventDetails?.Cause),
            "ExecutionFailed" => (e.ExecutionFailedEventDetails?.Error, e.ExecutionFailedEventDetails?.Cause),
            "ExecutionTimedOut" => (e.ExecutionTimedOutEventDetails?.Error, e.ExecutionTimedOutEventDetails?.Cause),
            "ExecutionAborted" => (e.ExecutionAbortedEventDetails?.Error, e.ExecutionAbortedEventDetails?.Cause),
            _ => (null, null),
        };
    }
}
