using SageBuild.Engine.Api.Model;

namespace SageBuild.Cli.Commands.StepFunctions;

/// <summary>One line that says what a history event is about: the state it entered or left, the error it raised.</summary>
internal static class HistoryEventSummary
{
    public static string Of(HistoryEvent e) =>
        e.StateEnteredEventDetails?.Name
        ?? e.StateExitedEventDetails?.Name
        ?? Failure(e.ExecutionFailedEventDetails?.Error, e.ExecutionFailedEventDetails?.Cause)
        ?? Failure(e.ExecutionAbortedEventDetails?.Error, e.ExecutionAbortedEventDetails?.Cause)
        ?? Failure(e.ExecutionTimedOutEventDetails?.Error, e.ExecutionTimedOutEventDetails?.Cause)
        ?? Failure(e.TaskFailedEventDetails?.Error, e.TaskFailedEventDetails?.Cause)
        ?? e.TaskScheduledEventDetails?.Resource
        ?? e.ExecutionSucceededEventDetails?.Output
        ?? e.ExecutionStartedEventDetails?.Input
        ?? string.Empty;

    private static string? Failure(string? error, string? cause) =>
        error is null && cause is null ? null : cause is null ? error : $"{error}: {cause}";
}
