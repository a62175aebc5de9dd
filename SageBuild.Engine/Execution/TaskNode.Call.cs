using SageBuild.Engine.History;
using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

internal sealed partial class TaskNode
{
    private async ValueTask<IntegrationOutcome> CallAsync(RunFrame frame, IntegrationRequest request, long? timeoutSeconds, DateTimeOffset? due, long? heartbeatSeconds, DateTimeOffset started, string? token)
    {
        var run = frame.Run;
        if (run.Settings.Mocks is { } mocks && mocks.TryGetResponse(Name, out var mocked))
        {
            // Step Functions Local answers a mocked task at once, whatever its pattern.
            var outcome = mocked.For(run.NextMockInvocation(Name));
            return outcome.Return is { } returned ? IntegrationOutcome.Success(returned) : IntegrationOutcome.Failure(outcome.Error!, outcome.Cause);
        }

        if (!run.Engine.Integrations.TryResolve(_target, out var handler))
        {
            return IntegrationOutcome.Failure(ErrorNames.Runtime,
                $"No service integration is registered for '{_target.Key}' (the resource '{_resource}' of the state '{Name}'): register one with EngineBuilder.AddIntegration, or mock the state.");
        }

        if (!handler.SupportedPatterns.Contains(_target.Pattern))
            return IntegrationOutcome.Failure(ErrorNames.Runtime, $"The integration '{_target.Key}' does not support the {_target.Pattern} pattern asked for by '{_resource}'.");

        var time = run.Engine.Time;
        var deadline = OnEngineClock(frame, due);
        if (deadline is { } passed && time.GetUtcNow() >= passed)
        {
            // Resumed after its recorded start plus TimeoutSeconds: it has timed out while the engine was down.
            return TimedOut(timeoutSeconds);
        }

        var waiter = token is null ? null : run.Engine.Tokens.Register(token, frame.Clock);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(frame.CancellationToken);
        try
        {
            IntegrationOutcome outcome;
            var pending = handler.InvokeAsync(request, call.Token);
            if (pending.IsCompletedSuccessfully)
                outcome = pending.Result;
            else if (deadline is null)
                outcome = await pending.ConfigureAwait(false);
            else
                outcome = await pending.AsTask().WaitAsync(Remaining(time, deadline.Value), time, frame.CancellationToken).ConfigureAwait(false);
            if (waiter is null || outcome.Failed)
                return outcome;
            frame.Emit(HistoryEventType.TaskSubmitted, new TaskOutputEventDetails(_target.Service, _resourceDetail, outcome.Result!));
            // Handed to the store before the (long) wait for the token, so that a resumed run waits for it again instead of calling anew.
            frame.Flush();
            return await WaitForTokenAsync(frame, waiter, deadline, heartbeatSeconds, started).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await call.CancelAsync().ConfigureAwait(false);
            return TimedOut(timeoutSeconds);
        }
        finally
        {
            // Not retired when the engine shuts down under it: the next engine waits for the same token again.
            if (token is not null)
                run.Engine.Tokens.Remove(token, retire: !run.IsSuspended);
        }
    }

    /// <summary>
    /// Waits for the token's answer until the deadline (on the engine's clock) or a missed heartbeat: HeartbeatSeconds
    /// count from the later of <paramref name="countFrom"/> (on the frame's clock: the attempt's start, or a heartbeat
    /// recorded before a restart) and the waiter's last heartbeat.
    /// </summary>
    private async ValueTask<IntegrationOutcome> WaitForTokenAsync(RunFrame frame, TaskTokenWaiter waiter, DateTimeOffset? deadline, long? heartbeatSeconds, DateTimeOffset countFrom)
    {
        var time = frame.Run.Engine.Time;
        while (true)
        {
            var wait = Timeout.InfiniteTimeSpan;
            if (deadline is { } d)
                wait = Remaining(time, d);
            var byHeartbeat = false;
            var beats = waiter.Heartbeats;
            if (heartbeatSeconds is { } h)
            {
                var last = waiter.LastHeartbeat is { } beat && beat > countFrom ? beat : countFrom;
                var untilHeartbeat = Remaining(time, OnEngineClock(frame, last + TimeSpan.FromSeconds(h))!.Value);
                if (wait == Timeout.InfiniteTimeSpan || untilHeartbeat < wait)
                {
                    wait = untilHeartbeat;
                    byHeartbeat = true;
                }
            }

            try
            {
                return await waiter.Completion.Task.WaitAsync(wait, time, frame.CancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                if (deadline is { } due && time.GetUtcNow() >= due)
                    throw;
                // Only a wait the heartbeat bounded can miss a heartbeat, and only if none came meanwhile (then the
                // next round counts from it); a timer that fires a hair before the deadline just waits out the rest.
                if (byHeartbeat && waiter.Heartbeats == beats)
                    return IntegrationOutcome.Failure(ErrorNames.HeartbeatTimeout, $"The task '{Name}' sent no heartbeat within its HeartbeatSeconds ({heartbeatSeconds}).");
            }
        }
    }

    private IntegrationOutcome TimedOut(long? timeoutSeconds) =>
        IntegrationOutcome.Failure(ErrorNames.Timeout, $"The task '{Name}' did not finish within its TimeoutSeconds ({timeoutSeconds}).");

    /// <summary>
    /// A deadline on the frame's clock (its recorded start plus TimeoutSeconds) as a time on the engine's clock, which
    /// the waits run on: a frame on the virtual clock runs ahead of it by its offset.
    /// </summary>
    private static DateTimeOffset? OnEngineClock(RunFrame frame, DateTimeOffset? deadline) =>
        deadline is { } d ? frame.Run.Engine.Time.GetUtcNow() + (d - frame.Now) : null;

    private static TimeSpan Remaining(TimeProvider time, DateTimeOffset deadline)
    {
        var left = deadline - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void EmitScheduled(RunFrame frame, JsonValue parameters, long? timeout, long? heartbeat)
    {
        if (_isLambdaFunction)
        {
            frame.Emit(HistoryEventType.LambdaFunctionScheduled, new ResourceScheduledEventDetails(_resource, parameters, timeout, heartbeat));
            return;
        }

        frame.Emit(HistoryEventType.TaskScheduled, new TaskScheduledEventDetails(_target.Service, _resourceDetail, frame.Run.Settings.Region, parameters, timeout, heartbeat));
    }

    private void EmitOutcome(RunFrame frame, IntegrationOutcome outcome)
    {
        var timedOut = outcome.Error is ErrorNames.Timeout or ErrorNames.HeartbeatTimeout;
        if (_isLambdaFunction)
        {
            if (!outcome.Failed)
                frame.Emit(HistoryEventType.LambdaFunctionSucceeded, new OutputEventDetails(outcome.Result!));
            else
                frame.Emit(timedOut ? HistoryEventType.LambdaFunctionTimedOut : HistoryEventType.LambdaFunctionFailed, new ErrorEventDetails(outcome.Error, outcome.Cause));
            return;
        }

        if (!outcome.Failed)
            frame.Emit(HistoryEventType.TaskSucceeded, new TaskOutputEventDetails(_target.Service, _resourceDetail, outcome.Result!));
        else
            frame.Emit(timedOut ? HistoryEventType.TaskTimedOut : HistoryEventType.TaskFailed, new ErrorEventDetails(outcome.Error, outcome.Cause, _target.Service, _resourceDetail));
    }
}
