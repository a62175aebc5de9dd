using SageBuild.Engine.History;
using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

internal sealed partial class TaskNode
{
    /// <summary>
    /// The outcome of a call made before the engine stopped, read from the history: the recorded result, or, for a
    /// <c>.waitForTaskToken</c> task that had handed out its token, a new wait for that token (the same token: it is
    /// drawn from the execution's seeded random source).
    /// </summary>
    private async ValueTask<IntegrationOutcome> ReplayCallAsync(RunFrame frame, long? timeoutSeconds, long? heartbeatSeconds, string? token)
    {
        var run = frame.Run;
        if (run.Settings.Mocks is { } mocks && mocks.TryGetResponse(Name, out _))
            run.NextMockInvocation(Name); // keeps the count of mocked calls as it was, for the calls still to come
        var recorded = frame.PeekRecorded()!;
        if (recorded.Type == HistoryEventType.TaskSubmitted && recorded.Details is TaskOutputEventDetails submitted)
        {
            frame.Emit(HistoryEventType.TaskSubmitted, submitted);
            if (frame.PeekRecorded() is { } result)
                return Recorded(result);
            if (token is null)
                return IntegrationOutcome.Failure(ErrorNames.Runtime, $"the task '{Name}' was submitted, but has no task token to wait for");
            var time = run.Engine.Time;
            var deadline = timeoutSeconds is { } t ? frame.EnteredTime + TimeSpan.FromSeconds(t) : (DateTimeOffset?)null;
            var waiter = run.Engine.Tokens.Register(token);
            try
            {
                return await WaitForTokenAsync(frame, waiter, deadline, heartbeatSeconds).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return IntegrationOutcome.Failure(ErrorNames.Timeout, $"The task '{Name}' did not finish within its TimeoutSeconds ({timeoutSeconds}).");
            }
            finally
            {
                run.Engine.Tokens.Remove(token, retire: !run.IsSuspended);
            }
        }

        return Recorded(recorded);
    }

    private IntegrationOutcome Recorded(HistoryEvent recorded) => recorded.Details switch
    {
        TaskOutputEventDetails output when recorded.Type == HistoryEventType.TaskSucceeded => IntegrationOutcome.Success(output.Output),
        OutputEventDetails output when recorded.Type == HistoryEventType.LambdaFunctionSucceeded => IntegrationOutcome.Success(output.Output),
        ErrorEventDetails error when recorded.Type is HistoryEventType.TaskFailed or HistoryEventType.TaskTimedOut
            or HistoryEventType.LambdaFunctionFailed or HistoryEventType.LambdaFunctionTimedOut
            => IntegrationOutcome.Failure(error.Error ?? ErrorNames.TaskFailed, error.Cause),
        _ => throw new InvalidOperationException(
            $"the execution cannot resume: its history has {recorded.Type} (event {recorded.Id}) where the task '{Name}' expects its result"),
    };
}
