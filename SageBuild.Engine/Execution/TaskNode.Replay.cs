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
    /// <remarks>
    /// The wait keeps the task's deadline: its recorded start plus TimeoutSeconds (<paramref name="due"/>, on the frame's
    /// clock). Heartbeats are in no event (AWS records none either), but the token store keeps the time of the last one
    /// (<see cref="Stores.ITokenStore.RecordHeartbeat"/>): HeartbeatSeconds count from the later of the recorded start
    /// (<paramref name="started"/>) and that heartbeat, not from the resume.
    /// </remarks>
    private async ValueTask<IntegrationOutcome> ReplayCallAsync(RunFrame frame, long? timeoutSeconds, DateTimeOffset? due, long? heartbeatSeconds, DateTimeOffset started, string? token)
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
            var deadline = OnEngineClock(frame, due);
            var countFrom = heartbeatSeconds is not null && run.Engine.Tokens.Store.FindHeartbeat(token) is { } beat && beat > started ? beat : started;
            var waiter = run.Engine.Tokens.Register(token, frame.Clock);
            try
            {
                return await WaitForTokenAsync(frame, waiter, deadline, heartbeatSeconds, countFrom).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return TimedOut(timeoutSeconds);
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
