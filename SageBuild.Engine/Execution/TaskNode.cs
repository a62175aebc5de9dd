using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Engine.Execution;

/// <summary>
/// Task: calls the integration its Resource names (or the mocked response of the run's test case), with the request-response,
/// <c>.sync</c> or <c>.waitForTaskToken</c> pattern, TimeoutSeconds and HeartbeatSeconds, then Retry and Catch.
/// </summary>
internal sealed partial class TaskNode : RetryableNode
{
    private readonly string _resource;
    private readonly ResourceTarget _target;
    private readonly bool _isLambdaFunction;
    private readonly string _resourceDetail;
    private readonly long? _timeoutSeconds;
    private readonly PathExpression? _timeoutSecondsPath;
    private readonly long? _heartbeatSeconds;
    private readonly PathExpression? _heartbeatSecondsPath;
    private readonly PreparedTemplate? _credentials;
    private readonly JsonataValueField? _jsonataTimeout;
    private readonly JsonataValueField? _jsonataHeartbeat;
    private readonly JsonataTemplate? _jsonataCredentials;

    public TaskNode(string name, TaskState state, Func<string, int> indexOf, bool jsonata = false)
        : base(name, state, HistoryEventType.TaskStateEntered, HistoryEventType.TaskStateExited, indexOf, jsonata)
    {
        if (jsonata)
        {
            _jsonataTimeout = JsonataValueField.From(state.TimeoutSeconds, "TimeoutSeconds");
            _jsonataHeartbeat = JsonataValueField.From(state.HeartbeatSeconds, "HeartbeatSeconds");
            _jsonataCredentials = JsonataFields.Template(state.Credentials, "Credentials");
        }

        _resource = state.Resource;
        _target = ResourceArns.Parse(state.Resource);
        _isLambdaFunction = _target.FunctionArn is not null;
        _resourceDetail = _target.Action + ResourceArns.Suffix(_target.Pattern);
        _timeoutSeconds = state.TimeoutSeconds?.Number is { } t ? (long)t : null;
        _timeoutSecondsPath = state.TimeoutSecondsPath is { } tp ? PathExpression.Compile(tp) : null;
        _heartbeatSeconds = state.HeartbeatSeconds?.Number is { } h ? (long)h : null;
        _heartbeatSecondsPath = state.HeartbeatSecondsPath is { } hp ? PathExpression.Compile(hp) : null;
        _credentials = PreparedTemplate.CompileOptional(state.Credentials);
    }

    public override async ValueTask<StepResult> ExecuteAsync(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        JsonValue effective;
        try
        {
            effective = InputPath.Select(frame, input);
        }
        catch (StatesErrorException e)
        {
            return Fail(frame, input, FromException(frame, e));
        }

        var attempts = new int[Retry.Count];
        while (true)
        {
            var (result, failure) = await AttemptAsync(frame, effective).ConfigureAwait(false);
            if (frame.IsAborting)
                return StepResult.Aborted();
            if (failure is null)
                return Complete(frame, input, result!);
            if (await RetryAsync(frame, failure, attempts).ConfigureAwait(false))
                continue;
            if (frame.IsAborting)
                return StepResult.Aborted();
            return Fail(frame, input, failure);
        }
    }

    private async ValueTask<(JsonValue? Result, Failure? Failure)> AttemptAsync(RunFrame frame, JsonValue effective)
    {
        var run = frame.Run;
        string? token = null;
        if (_target.Pattern == IntegrationPattern.WaitForTaskToken)
            frame.TaskToken = token = NewToken(frame.Random, frame.RedrivesBefore());

        JsonValue parameters;
        long? timeout, heartbeat;
        JsonObject? credentials;
        try
        {
            if (IsJsonata)
            {
                var bindings = JsonataFields.Bindings(frame, effective);
                parameters = Arguments is null ? effective : JsonataFields.Evaluate(Arguments, bindings);
                timeout = JsonataSeconds(_jsonataTimeout, bindings);
                heartbeat = JsonataSeconds(_jsonataHeartbeat, bindings);
                credentials = _jsonataCredentials is null ? null : JsonataFields.Evaluate(_jsonataCredentials, bindings) as JsonObject;
            }
            else
            {
                parameters = Parameters is null ? effective : Parameters.Evaluate(frame, effective);
                timeout = Seconds(frame, effective, _timeoutSeconds, _timeoutSecondsPath, "TimeoutSecondsPath");
                heartbeat = Seconds(frame, effective, _heartbeatSeconds, _heartbeatSecondsPath, "HeartbeatSecondsPath");
                credentials = _credentials is null ? null : _credentials.Evaluate(frame, effective) as JsonObject;
            }
        }
        catch (StatesErrorException e)
        {
            return (null, FromException(frame, e));
        }
        catch (QueryEvaluationException e)
        {
            return (null, EvaluationFailed(frame, e));
        }

        EmitScheduled(frame, parameters, timeout, heartbeat);
        frame.Emit(_isLambdaFunction ? HistoryEventType.LambdaFunctionStarted : HistoryEventType.TaskStarted,
            _isLambdaFunction ? null : new TaskStartedEventDetails(_target.Service, _resourceDetail));
        // TimeoutSeconds (and HeartbeatSeconds, until the first heartbeat) count from the attempt's start: the recorded
        // one when resuming, so a resumed task keeps its deadline.
        var started = frame.LastEventTime;
        var deadline = timeout is { } t ? started + TimeSpan.FromSeconds(t) : (DateTimeOffset?)null;

        IntegrationOutcome outcome;
        try
        {
            if (frame.IsReplaying)
            {
                // Resuming: the call was made before the crash; its recorded result (or, for a token that was handed
                // out, the wait for it) stands in for a second call.
                outcome = await ReplayCallAsync(frame, timeout, deadline, heartbeat, started, token).ConfigureAwait(false);
            }
            else
            {
                // Scheduled and started are durable before the call: after a crash the task is driven again (at least once).
                await frame.CommitAsync().ConfigureAwait(false);
                var context = new TaskCallContext(run.ExecutionArn, Name, frame.RetryCount, token, credentials);
                outcome = await CallAsync(frame, new IntegrationRequest(_resource, _target, parameters, context), timeout, deadline, heartbeat, started, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (frame.IsAborting)
        {
            // Stopped: an answer its token was given is not recorded, and its sender need not wait for that.
            if (token is not null)
                run.Engine.Tokens.TakeAnswered(token)?.TrySetResult();
            return (null, null);
        }

        if (!outcome.Failed && PayloadLimit.Exceeds(outcome.Result!))
            outcome = IntegrationOutcome.Failure(ErrorNames.DataLimitExceeded, DataLimit().Cause);
        EmitOutcome(frame, outcome);
        if (token is not null && run.Engine.Tokens.TakeAnswered(token) is { } answered)
            await ConfirmAnswerAsync(frame, answered).ConfigureAwait(false);
        return outcome.Failed ? (null, new Failure(outcome.Error, outcome.Cause)) : (outcome.Result, null);
    }

    // SendTaskSuccess/Failure returns once the result its token brought is durable (see TaskTokenRegistry.TryComplete).
    private static async ValueTask ConfirmAnswerAsync(RunFrame frame, TaskCompletionSource answered)
    {
        try
        {
            await frame.CommitAsync().ConfigureAwait(false);
            answered.TrySetResult();
        }
        catch (Exception e)
        {
            answered.TrySetException(e);
            throw;
        }
    }

    private long? Seconds(RunFrame frame, JsonValue input, long? literal, PathExpression? path, string field)
    {
        if (path is null)
            return literal;
        if (frame.TrySelect(path, input, out var value) && value is JsonNumber n && n.TryGetInt64(out var seconds) && seconds > 0)
            return seconds;
        throw new StatesErrorException(ErrorNames.Runtime, $"The {field} field of '{Name}' refers to {value?.ToJson() ?? "nothing"}, which is not a positive integer: {path.Text}");
    }

    /// <summary>JSONata TimeoutSeconds or HeartbeatSeconds: a positive whole number.</summary>
    private static long? JsonataSeconds(JsonataValueField? field, JsonataBindings bindings)
    {
        if (field is null)
            return null;
        var value = field.Evaluate(bindings);
        if (value is not JsonNumber n)
            throw field.Unexpected("number", value);
        return n.TryGetInt64(out var seconds) && seconds > 0 ? seconds : throw field.OutOfRange("be a positive integer", value);
    }

    // A redriven attempt takes the same draw of the seeded source as the failed attempt it replaces (the replay puts the
    // source where it was), so the redrive count is folded in: as in AWS, a redriven task gets a new token, and the failed
    // attempt's token stays retired. With no redrive the token is the draw itself, as recorded executions have it.
    private static string NewToken(Random random, int redrives)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        if (redrives > 0)
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes) ^ redrives);
        return Convert.ToBase64String(bytes);
    }
}
