using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Builders;

/// <summary>A state that produces a result and can retry and catch errors: Task, Parallel and Map.</summary>
public abstract class RetryableStateNode : NextableStateNode
{
    private readonly List<RetrierOptions> _retries = [];
    private readonly List<(StateNode Handler, CatcherOptions Options)> _catches = [];

    private protected RetryableStateNode(string name, ResultStateOptions options)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var retry in options.Retry)
            AddRetry(retry);
        foreach (var @catch in options.Catch)
        {
            ArgumentNullException.ThrowIfNull(@catch);
            AddCatch(@catch.Handler ?? throw new ArgumentException($"a CatcherOptions in the options of '{name}' has no Handler", nameof(options)), @catch);
        }
    }

    /// <summary>Adds a Retry rule after those already present.</summary>
    public RetryableStateNode AddRetry(RetrierOptions retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _retries.Add(retry);
        return this;
    }

    /// <summary>Adds a Catch rule that goes to <paramref name="handler"/>.</summary>
    public RetryableStateNode AddCatch(IChainable handler, CatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _catches.Add((handler.StartState, (options ?? new CatcherOptions()) with { Handler = handler }));
        return this;
    }

    /// <inheritdoc />
    internal override IEnumerable<(string Field, StateNode Target)> Transitions =>
        base.Transitions.Concat(_catches.Select((c, i) => ($"Catch/{i}/Next", c.Handler)));

    /// <summary>Renders Retry, Catch, ResultSelector and ResultPath onto <paramref name="state"/>.</summary>
    private protected T ApplyResult<T>(T state, ResultStateOptions options, StateRenderContext context)
        where T : RetryableState
    {
        context.RequireLanguage(options.ResultSelector is not null, "ResultSelector", Model.QueryLanguage.JSONPath, "a JSONata state shapes its result in Output");
        return FlowRendering.Transition(FlowRendering.Apply(state, options, context), NextState) with
        {
            ResultSelector = context.RenderObject(options.ResultSelector, "ResultSelector"),
            ResultPath = FlowRendering.ResultPath(options.ResultPath, context),
            Retry = _retries.Count == 0 ? null : ValueList.From(_retries.Select((r, i) => RenderRetrier(r, i, context))),
            Catch = _catches.Count == 0 ? null : ValueList.From(_catches.Select((c, i) => RenderCatcher(c.Handler, c.Options, i, context))),
        };
    }

    private Retrier RenderRetrier(RetrierOptions r, int index, StateRenderContext context)
    {
        var pointer = JsonPointer.Append(context.PointerTo("Retry"), index);
        var errors = context.Compiler.Errors;
        FlowRendering.CheckErrorEquals(r.ErrorEquals, index == _retries.Count - 1, pointer, "Retrier", errors);
        void Range(bool ok, string field, string rule)
        {
            if (!ok)
                errors.Add(new DefinitionError(JsonPointer.Append(pointer, field), DefinitionErrorCodes.SchemaValidationFailed, $"{nameof(RetrierOptions)}.{(field == "JitterStrategy" ? "Jitter" : field)} {rule}"));
        }

        Range(r.IntervalSeconds is >= 1 and <= RetrierDefaults.MaxIntervalSeconds, "IntervalSeconds", $"must be from 1 to {RetrierDefaults.MaxIntervalSeconds}, not {r.IntervalSeconds}");
        Range(r.MaxAttempts is >= 0 and <= RetrierDefaults.MaxMaxAttempts, "MaxAttempts", $"must be from 0 to {RetrierDefaults.MaxMaxAttempts}, not {r.MaxAttempts}");
        Range(r.BackoffRate >= 1.0 && double.IsFinite(r.BackoffRate), "BackoffRate", $"must be at least 1.0, not {r.BackoffRate}");
        Range(r.MaxDelaySeconds is null or (>= 1 and <= RetrierDefaults.MaxDelaySecondsLimit), "MaxDelaySeconds", $"must be from 1 to {RetrierDefaults.MaxDelaySecondsLimit}, not {r.MaxDelaySeconds}");
        return new Retrier
        {
            ErrorEquals = ValueList.From(r.ErrorEquals),
            IntervalSeconds = r.IntervalSeconds,
            MaxAttempts = r.MaxAttempts,
            BackoffRate = double.IsFinite(r.BackoffRate) ? r.BackoffRate : null,
            MaxDelaySeconds = r.MaxDelaySeconds,
            JitterStrategy = r.Jitter,
            Comment = r.Comment,
        };
    }

    private Catcher RenderCatcher(StateNode handler, CatcherOptions c, int index, StateRenderContext context)
    {
        var pointer = JsonPointer.Append(context.PointerTo("Catch"), index);
        FlowRendering.CheckErrorEquals(c.ErrorEquals, index == _catches.Count - 1, pointer, "Catcher", context.Compiler.Errors);
        var field = $"Catch/{index}";
        var inner = new StateRenderContext(pointer, context.Language, context.Compiler);
        inner.RequireLanguage(c.ResultPath is not null, "ResultPath", Model.QueryLanguage.JSONPath, "a JSONata Catcher shapes the error output with Output");
        inner.RequireLanguage(c.Output is not null, "Output", Model.QueryLanguage.JSONata, $"a JSONPath Catcher places the error output with ResultPath ({field})");
        return new Catcher
        {
            ErrorEquals = ValueList.From(c.ErrorEquals),
            Next = handler.Name,
            ResultPath = c.ResultPath,
            Output = inner.Render(c.Output, "Output"),
            Assign = inner.RenderObject(c.Assign, "Assign"),
            Comment = c.Comment,
        };
    }
}
