using System.Diagnostics.CodeAnalysis;
using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>
/// One thread of an execution: the top level, a Parallel branch or a Map iteration. It holds everything that changes
/// as the thread runs, so the prepared state machine stays immutable and shared. One frame is driven by one thread at
/// a time; branches get frames of their own.
/// </summary>
/// <remarks>
/// <para><b>Event ids.</b> <see cref="Source"/> is the id the frame's next event follows from (its
/// <c>previousEventId</c>); most events move it on. AWS links the events of a branch or iteration to each other, and the
/// first one to the event that started them, which this reproduces.</para>
/// <para><b>Virtual time.</b> On the virtual clock a Wait or a retry delay adds to <see cref="VirtualOffset"/> instead of
/// sleeping; a branch inherits its parent's offset, and a Parallel or Map ends at the latest of its branches.</para>
/// </remarks>
internal sealed class RunFrame : IEvaluationScope
{
    private JsonValue _currentInput = JsonObject.Empty;
    private DateTimeOffset? _stepNow;
    private Queue<HistoryEvent>? _replay;
    private TimeProvider? _clock;
    private Func<JsonValue>? _contextSource;
    private Func<string, JsonValue?>? _variableResolver;
    private Func<Random>? _randomSource;
    private AbortSignal? _abort;

    public RunFrame(ExecutionRun run, IEventSink sink, VariableScope variables)
    {
        Run = run;
        Sink = sink;
        Variables = variables;
    }

    public ExecutionRun Run { get; }

    public IEventSink Sink { get; }

    public VariableScope Variables { get; }

    public long Source { get; set; }

    public long LastPublished { get; set; }

    public TimeSpan VirtualOffset { get; set; }

    // ---- the state being run, for $$ and for error messages ----
    public string StateName { get; set; } = "";

    public DateTimeOffset EnteredTime { get; set; }

    public long EnteredEventId { get; set; }

    /// <summary>The event the current state's Entered event followed (AWS links an EvaluationFailed there).</summary>
    public long EnteredSourceId { get; set; }

    /// <summary>The retries of the current state so far; -1 for a state that cannot retry (no RetryCount in <c>$$</c>).</summary>
    public int RetryCount { get; set; }

    public string? TaskToken { get; set; }

    public int MapItemIndex { get; set; } = -1;

    public JsonValue? MapItemValue { get; set; }

    /// <summary>Now; while the frame replays recorded events, the time of the next one (so the replayed step sees the time it first ran at).</summary>
    public DateTimeOffset Now => _replay is { } replay ? replay.Peek().Timestamp : _stepNow ?? Run.Now(VirtualOffset);

    /// <summary>The thread of the run this frame is (recorded with each of its events).</summary>
    public FrameKey Key { get; private set; }

    /// <summary>The time of the frame's last event (recorded or new).</summary>
    public DateTimeOffset LastEventTime { get; private set; }

    /// <summary>Whether the frame's last event was replayed from the store: a resumed frame stands right after it.</summary>
    public bool LastEventWasReplayed { get; private set; }

    /// <summary>Whether the frame still has recorded events to replay: what they record has happened, and is not done again.</summary>
    public bool IsReplaying => _replay is not null;

    /// <summary>The next recorded event this frame will replay, or null when it runs live.</summary>
    public HistoryEvent? PeekRecorded() => _replay?.Peek();

    /// <summary>Makes the frame the thread <paramref name="key"/>, taking that thread's recorded events (if the run resumes) to replay first.</summary>
    public void Attach(FrameKey key)
    {
        Key = key;
        // A distributed Map's child keeps its events apart from the run's (ids from 1): its threads replay its own
        // recorded events, never the run's, even where the keys coincide.
        _replay = Child is null ? Run.TakeRecorded(key) : Child.Journal.TakeRecorded(key);
    }

    /// <summary>
    /// Hands the events of the execution this frame runs in (the run's, or its distributed Map child's) to the store
    /// without waiting for them to be stored.
    /// </summary>
    public void Flush()
    {
        if (Child is { } child)
            child.Journal.Flush();
        else
            Run.Flush();
    }

    /// <summary>
    /// The durability barrier of the execution this frame runs in (the run's, or its distributed Map child's): hands its
    /// events to the store and completes once they are stored. Awaited before what the outside world can see.
    /// </summary>
    public ValueTask CommitAsync() => Child is { } child ? child.Journal.CommitAsync() : Run.CommitAsync();

    /// <summary>
    /// How many times the execution had been redriven when the step ran that this frame replays or runs now (see
    /// <see cref="ExecutionRun.RedrivesBefore"/>). A distributed Map's child runs within one attempt of its parent (a
    /// redriven Map starts a new Map Run), and its recorded event ids are its own: it takes the parent's count now.
    /// </summary>
    public int RedrivesBefore() => Run.RedrivesBefore(Child is null ? PeekRecorded() : null);

    /// <summary>
    /// Reads the clock once for a step that cannot wait (Pass, Choice, Succeed, Fail): its events share that time, as
    /// they happen within the same millisecond anyway, and the clock is not read three times per state.
    /// </summary>
    public void BeginSynchronousStep() => _stepNow = _replay is null ? Run.Now(VirtualOffset) : null;

    /// <summary>Ends <see cref="BeginSynchronousStep"/>: the frame reads the clock afresh again.</summary>
    public void EndSynchronousStep() => _stepNow = null;

    /// <summary>The child execution of a distributed Map this frame runs in (its own <c>$$.Execution</c>), or null.</summary>
    public ChildExecution? Child { get; init; }

    /// <summary>
    /// Set for the branches of a Parallel or the iterations of a Map, so that one failure can stop its siblings. The top
    /// thread of a distributed Map's child leaves it unset and gets its child's own signal (made when first asked for),
    /// which a StopExecution on the child sets.
    /// </summary>
    public AbortSignal? Abort
    {
        get => _abort ?? Child?.Signal;
        set => _abort = value;
    }

    /// <summary>Cancelled when the execution stops or this frame's siblings are being aborted.</summary>
    public CancellationToken CancellationToken => Abort?.Token ?? Run.Cancellation;

    /// <summary>Whether the frame should stop at the next step.</summary>
    public bool IsAborting => _abort is { } abort
        ? abort.IsSet
        : Child is { } child ? child.IsAborting : Run.Cancellation.IsCancellationRequested;

    // ---- JSONata: what an expression's bindings read, made once per frame and only when used ----

    /// <summary>The frame's clock as a <see cref="TimeProvider"/>, for <c>$now()</c> and <c>$millis()</c>.</summary>
    public TimeProvider Clock => _clock ??= new FrameClock(this);

    /// <summary>Builds <c>$states.context</c> when an expression reads <c>$states</c>.</summary>
    public Func<JsonValue> ContextSource => _contextSource ??= BuildContext;

    /// <summary>Looks up a workflow variable for <c>$name</c>; null when it is not defined.</summary>
    public Func<string, JsonValue?> VariableResolver => _variableResolver ??= name => Variables.TryGet(name, out var value) ? value : null;

    /// <summary>The execution's random source, made when an expression first draws from it.</summary>
    public Func<Random> RandomSource => _randomSource ??= () => Random;

    /// <summary>The random source of the execution this frame runs in: a distributed Map's child has its own.</summary>
    public Random Random => Child?.Random ?? Run.Random;

    // ---- IEvaluationScope ----
    JsonValue IEvaluationScope.Input => _currentInput;

    JsonValue IEvaluationScope.Context => BuildContext();

    Random IEvaluationScope.Random => Random;

    bool IEvaluationScope.TryGetVariable(string name, out JsonValue value) => Variables.TryGet(name, out value);

    /// <summary>A frame for a branch or iteration that starts from this frame's current event and time.</summary>
    public RunFrame CreateChild(VariableScope variables, IEventSink? sink = null) =>
        new(Run, sink ?? Sink, variables) { Source = Source, LastPublished = Source, VirtualOffset = VirtualOffset, Abort = _abort, Child = Child };

    /// <summary>Records an event that follows from <see cref="Source"/>; by default it becomes the new source.</summary>
    public long Emit(HistoryEventType type, HistoryEventDetails? details, bool updateSource = true)
    {
        long id;
        if (_replay is { } replay)
        {
            // Resuming: the step has already happened and its event is in the store; take its id and time instead.
            var recorded = replay.Dequeue();
            if (recorded.Type != type)
            {
                throw new InvalidOperationException(
                    $"the execution cannot resume: its history has {recorded.Type} (event {recorded.Id}) where the definition now gives {type} in the state '{StateName}'");
            }

            id = recorded.Id;
            LastEventTime = recorded.Timestamp;
            LastEventWasReplayed = true;
            if (replay.Count == 0)
                GoLive();
        }
        else
        {
            var now = Now;
            id = Sink.Append(type, Source, now, details, Key);
            LastEventTime = now;
            LastEventWasReplayed = false;
        }

        LastPublished = id;
        if (updateSource)
            Source = id;
        return id;
    }

    // The recorded events are used up: from here the frame runs live. On a virtual clock the frame keeps the offset
    // its replay rebuilt (the recorded waits and retry delays it skipped, see AddReplayedDelay), so the time the
    // engine was down counts as it does on the real clock; never earlier than the last recorded event, though.
    private void GoLive()
    {
        _replay = null;
        if (Run.Settings.UsesVirtualClock)
        {
            var sinceLastEvent = LastEventTime - Run.Engine.Time.GetUtcNow();
            if (sinceLastEvent > VirtualOffset)
                VirtualOffset = sinceLastEvent;
        }
    }

    /// <summary>
    /// A recorded wait or retry delay that the replay skips: on a virtual clock it moved the frame's time on when it
    /// first ran, so the replay moves the offset on alike, and the frame goes live at the time it had reached.
    /// </summary>
    public void AddReplayedDelay(TimeSpan delay)
    {
        if (Run.Settings.UsesVirtualClock && delay > TimeSpan.Zero)
            VirtualOffset += delay;
    }

    /// <summary>Evaluates a payload template with <c>$</c> bound to <paramref name="input"/>.</summary>
    public JsonValue Evaluate(PayloadTemplate template, JsonValue input)
    {
        _currentInput = input;
        return template.Evaluate(this);
    }

    /// <summary>Evaluates a path with <c>$</c> bound to <paramref name="input"/>.</summary>
    public bool TrySelect(PathExpression path, JsonValue input, [MaybeNullWhen(false)] out JsonValue value)
    {
        _currentInput = input;
        return path.TrySelect(this, out value);
    }

    /// <summary>Evaluates a path or intrinsic field (such as ErrorPath) with <c>$</c> bound to <paramref name="input"/>.</summary>
    public JsonValue Evaluate(FieldExpression expression, JsonValue input, string field)
    {
        _currentInput = input;
        return expression.Evaluate(this, field);
    }

    /// <summary>Evaluates a Choice condition with <c>$</c> bound to <paramref name="input"/>.</summary>
    public bool Evaluate(ConditionEvaluator condition, JsonValue input)
    {
        _currentInput = input;
        return condition.Evaluate(this);
    }

    private JsonObject BuildContext()
    {
        var context = new JsonObjectBuilder(5);
        context.Set("Execution", Child?.ExecutionContext ?? Run.ExecutionContext);
        context.Set("State", RetryCount < 0
            ? JsonObject.Create(("EnteredTime", Timestamps.Format(EnteredTime)), ("Name", StateName))
            : JsonObject.Create(("EnteredTime", Timestamps.Format(EnteredTime)), ("Name", StateName), ("RetryCount", RetryCount)));
        context.Set("StateMachine", Child?.StateMachineContext ?? Run.StateMachineContext);
        if (TaskToken is not null)
            context.Set("Task", JsonObject.Create(("Token", TaskToken)));
        if (MapItemIndex >= 0)
            context.Set("Map", JsonObject.Create(("Item", JsonObject.Create(("Index", MapItemIndex), ("Value", MapItemValue ?? JsonNull.Instance)))));
        return context.Build();
    }

    /// <summary>The frame's time (virtual or real, fixed within a synchronous step) as a clock.</summary>
    private sealed class FrameClock(RunFrame frame) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => frame.Now;
    }
}
