using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>
/// A child execution of a distributed Map: in AWS each item (or batch) runs as an execution of its own, named by the
/// Map Run (<c>arn:aws:states:region:account:execution:machine/label:name</c>), with its own <c>$$.Execution</c>.
/// </summary>
internal sealed class ChildExecution
{
    private JsonObject? _executionContext;
    private JsonObject? _stateMachineContext;
    private LockedRandom? _random;

    public ChildExecution(ExecutionRun run, MapRunChildren mapRun, int index, JsonValue input, DateTimeOffset startDate)
    {
        var names = mapRun.Names;
        MapRun = mapRun;
        Index = index;
        Name = names.NameOf(index);
        RandomSeed = names.SeedOf(index);
        ExecutionArn = string.Concat(names.ExecutionArnPrefix, Name);
        Input = input;
        StartDate = startDate;
        Journal = new ChildExecutionJournal(run, this);
    }

    public string Name { get; }

    /// <summary>The Map Run the child belongs to.</summary>
    public MapRunChildren MapRun { get; }

    /// <summary>The item's (or batch's) index in its Map Run.</summary>
    public int Index { get; }


    /// <summary>The child's own stop signal once made (<see cref="Signal"/>); guarded by its Map Run.</summary>
    public AbortSignal? MadeSignal { get; set; }

    /// <summary>
    /// The child's own stop signal (inside the Map Run's), made when a frame of the child first needs a cancellation
    /// token or nests a signal: set by a StopExecution on this child, or by the Map Run's.
    /// </summary>
    public AbortSignal Signal => MadeSignal ?? MapRun.SignalOf(this);

    /// <summary>
    /// Whether the child should stop at its next step: its Map Run aborts, or a StopExecution asked for it. A child that
    /// never made its own signal reads the Map Run's flags, so a child of Pass states makes nothing to be stoppable.
    /// </summary>
    public bool IsAborting => MadeSignal is { } signal
        ? signal.IsSet
        : MapRun.Abort.IsSet || (MapRun.HasStops && MapRun.StopOf(Index) is not null);

    // What every child of the Map Run shares is read from it, not copied into each child.
    public string StateMachineName => MapRun.Names.StateMachineName;

    public string StateMachineArn => MapRun.Names.StateMachineArn;

    public string ExecutionArn { get; }

    public string RoleArn => MapRun.RoleArn;

    public JsonValue Input { get; }

    public DateTimeOffset StartDate { get; }

    public string Definition => MapRun.Definition;

    /// <summary>The child's history, stored as it goes.</summary>
    public ChildExecutionJournal Journal { get; }

    /// <summary>The seed of the child's own random source: recorded with it, like a top-level execution's.</summary>
    public int RandomSeed { get; }

    /// <summary>
    /// The child's own seeded random source (task tokens, retry jitter, States.UUID inside it), made when first used. Its
    /// own, not the parent's: children run concurrently, so draws from a shared source would depend on their order.
    /// </summary>
    public Random Random
    {
        get
        {
            if (_random is { } random)
                return random;
            var made = new LockedRandom(RandomSeed);
            return Interlocked.CompareExchange(ref _random, made, null) ?? made;
        }
    }

    /// <summary><c>$$.Execution</c> inside the child, built when first read.</summary>
    public JsonObject ExecutionContext => _executionContext ??= JsonObject.Create(
        ("Id", ExecutionArn),
        ("Input", Input),
        ("StartTime", Timestamps.Format(StartDate)),
        ("Name", Name),
        ("RoleArn", RoleArn),
        ("RedriveCount", 0));

    /// <summary><c>$$.StateMachine</c> inside the child.</summary>
    public JsonObject StateMachineContext => _stateMachineContext ??= JsonObject.Create(("Id", StateMachineArn), ("Name", StateMachineName));

    /// <summary>The child's record while it runs, stored when it starts.</summary>
    public ExecutionRecord Running() =>
        new(ExecutionArn, StateMachineArn, Name, Definition, ExecutionStatus.RUNNING, StartDate, Input) { RandomSeed = RandomSeed };

    /// <summary>The child's record once it has ended.</summary>
    public ExecutionRecord Record(ExecutionStatus status, DateTimeOffset stopDate, StepResult result) =>
        new(ExecutionArn, StateMachineArn, Name, Definition, status, StartDate, Input)
        {
            StopDate = stopDate,
            Output = result.Kind == StepKind.End ? result.Output : null,
            Error = result.Failure?.Error,
            Cause = result.Failure?.Cause,
            RandomSeed = RandomSeed,
        };

    /// <summary>The child's record once a StopExecution on it has aborted it: ABORTED with the stop's error and cause.</summary>
    public ExecutionRecord Stopped(DateTimeOffset stopDate, ChildStopRequest stop) =>
        new(ExecutionArn, StateMachineArn, Name, Definition, ExecutionStatus.ABORTED, StartDate, Input)
        {
            StopDate = stopDate,
            Error = stop.Error,
            Cause = stop.Cause,
            RandomSeed = RandomSeed,
        };
}
