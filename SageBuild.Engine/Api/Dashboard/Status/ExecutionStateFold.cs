using SageBuild.Engine.Api.Model;

namespace SageBuild.Engine.Api.Dashboard.Status;

/// <summary>
/// Folds an execution's history (GetExecutionHistory's events, oldest first) into the status, input and output of each
/// state, as the Step Functions console colours its graph.
/// </summary>
/// <remarks>
/// <para>Events do not name their state (only <c>…StateEntered</c>/<c>…StateExited</c> do), so each event is placed by
/// its <c>previousEventId</c>: it happens inside the innermost state still open after the event it follows. A state's
/// exit closes it and reopens its parent (the Parallel or Map around it). Events of a Parallel or Map themselves
/// (<c>MapStateFailed</c>, <c>MapIterationStarted</c>, …) belong to the nearest enclosing Parallel or Map: AWS chains a
/// failed Map's event to its failed child's last event, and the next iteration's start to the last event of the previous
/// iteration.</para>
/// <para>A visit that raised an error (TaskFailed, a timeout, a failed Map, entering a Fail state, …) and then left the
/// state was caught; one that never left failed, if the error ended the execution or its branch; one a retry scheduled
/// again is back in progress. Visits still open when the execution ends were cancelled, except along the path of the
/// error that ended it.</para>
/// </remarks>
internal sealed class ExecutionStateFold
{
    private const long NoScope = 0;

    private readonly Dictionary<long, long> _scopeAfter = [];
    private readonly Dictionary<long, Visit> _visits = [];
    private readonly SortedDictionary<long, Visit> _open = [];
    private readonly Dictionary<string, Accumulator> _states = new(StringComparer.Ordinal);
    private readonly List<Accumulator> _order = [];

    /// <summary>One summary per state the execution entered, in the order it first entered them.</summary>
    public static IReadOnlyList<StateSummary> Fold(IEnumerable<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var fold = new ExecutionStateFold();
        foreach (var e in events.OrderBy(e => e.Id))
            fold.Apply(e);
        return [.. fold._order.Select(a => a.Summary())];
    }

    private void Apply(HistoryEvent e)
    {
        var type = e.Type.Value ?? string.Empty;
        var scope = e.PreviousEventId is { } previous && _scopeAfter.TryGetValue(previous, out var found) ? found : NoScope;
        var after = scope;
        if (type.EndsWith("StateEntered", StringComparison.Ordinal) && e.StateEnteredEventDetails is { } entered)
        {
            Enter(e, entered, type, scope);
            after = e.Id;
        }
        else if (type.EndsWith("StateExited", StringComparison.Ordinal) && e.StateExitedEventDetails is { } exited)
        {
            after = Exit(e, exited, scope);
        }
        else if (HistoryEventKinds.IsContainerEvent(type))
        {
            after = ContainerEvent(e, type, scope);
        }
        else if (type == "EvaluationFailed" && e.EvaluationFailedEventDetails is { } evaluation)
        {
            // AWS records this event with previousEventId 0; it names its state instead.
            var visit = _open.Values.LastOrDefault(v => v.State.Name == evaluation.State);
            after = visit?.EnteredEventId ?? scope;
            RaiseError(after, e);
        }
        else if (HistoryEventKinds.IsStateError(type))
        {
            RaiseError(scope, e);
        }
        else if (HistoryEventKinds.IsRetry(type))
        {
            if (_open.TryGetValue(scope, out var visit))
                visit.HasError = false;
        }
        else if (HistoryEventKinds.IsStateAbort(type))
        {
            if (_open.TryGetValue(scope, out var visit))
                Resolve(visit, visit.HasError ? StateStatus.Failed : StateStatus.Cancelled, e.Timestamp);
        }
        else
        {
            EndOrRedrive(e, type, scope);
        }

        _scopeAfter[e.Id] = after;
    }

    private void Enter(HistoryEvent e, StateEnteredEventDetails details, string type, long scope)
    {
        if (!_states.TryGetValue(details.Name, out var state))
        {
            state = new Accumulator(details.Name);
            _states[details.Name] = state;
            _order.Add(state);
        }

        state.Visits++;
        state.Open++;
        state.Input = details.Input;
        state.EnteredAt = e.Timestamp;
        state.EnteredEventId = e.Id;
        var visit = new Visit(e.Id, state, scope, type is "MapStateEntered" or "ParallelStateEntered")
        {
            // A Fail state raises its error as it is entered; the execution (or its branch) fails next.
            HasError = type == "FailStateEntered",
        };
        _visits[e.Id] = visit;
        _open[e.Id] = visit;
    }

    private long Exit(HistoryEvent e, StateExitedEventDetails details, long scope)
    {
        // The exit follows an event inside the state it closes; fall back to the name should a history say otherwise.
        if (!_open.TryGetValue(scope, out var visit) || visit.State.Name != details.Name)
            visit = _open.Values.LastOrDefault(v => v.State.Name == details.Name);
        if (visit is null)
            return scope;
        CloseDescendants(visit, e.Timestamp);
        visit.State.Output = details.Output;
        Resolve(visit, visit.HasError ? StateStatus.CaughtError : StateStatus.Succeeded, e.Timestamp);
        return visit.ParentScope;
    }

    private long ContainerEvent(HistoryEvent e, string type, long scope)
    {
        var container = Container(scope);
        if (container is null)
            return scope;
        if (type is "MapStateStarted" or "ParallelStateStarted")
        {
            container.HasError = false;
        }
        else if (type is "MapStateFailed" or "ParallelStateFailed" or "MapRunFailed")
        {
            RaiseError(container.EnteredEventId, e);
            CloseDescendants(container, e.Timestamp);
        }
        else if (type is "MapStateAborted" or "ParallelStateAborted")
        {
            CloseDescendants(container, e.Timestamp);
            Resolve(container, container.HasError ? StateStatus.Failed : StateStatus.Cancelled, e.Timestamp);
            return container.ParentScope;
        }

        return container.EnteredEventId;
    }

    private void EndOrRedrive(HistoryEvent e, string type, long scope)
    {
        switch (type)
        {
            case "ExecutionFailed":
                // The error travelled up from the innermost open state: every state on that path failed.
                for (var visit = _open.GetValueOrDefault(scope); visit is not null; visit = _open.GetValueOrDefault(visit.ParentScope))
                {
                    visit.HasError = true;
                    if (e.ExecutionFailedEventDetails is { } failed)
                        visit.State.SetError(failed.Error, failed.Cause);
                }

                CloseAll(e.Timestamp, StateStatus.Cancelled);
                break;
            case "ExecutionTimedOut":
                CloseAll(e.Timestamp, StateStatus.Failed);
                break;
            case "ExecutionAborted":
                CloseAll(e.Timestamp, StateStatus.Cancelled);
                break;
            case "ExecutionRedriven":
                // A redrive runs the failed and cancelled states again; until it does, they have not run in this attempt.
                foreach (var state in _order)
                    state.ForgetUnfinished();
                break;
        }
    }

    private void RaiseError(long scope, HistoryEvent e)
    {
        if (!_open.TryGetValue(scope, out var visit))
            return;
        visit.HasError = true;
        var (error, cause) = HistoryEventKinds.ErrorOf(e);
        visit.State.SetError(error, cause);
    }

    private Visit? Container(long scope)
    {
        for (var visit = _visits.GetValueOrDefault(scope); visit is not null; visit = _visits.GetValueOrDefault(visit.ParentScope))
        {
            if (visit.IsContainer)
                return visit;
        }

        return null;
    }

    /// <summary>Closes what is still open inside <paramref name="container"/>: a failed child failed, the others were cancelled.</summary>
    private void CloseDescendants(Visit container, DateTimeOffset at)
    {
        foreach (var visit in _open.Values.Where(v => v != container && IsInside(v, container)).ToList())
            Resolve(visit, visit.HasError ? StateStatus.Failed : StateStatus.Cancelled, at);
    }

    private bool IsInside(Visit visit, Visit container)
    {
        for (var parent = _visits.GetValueOrDefault(visit.ParentScope); parent is not null; parent = _visits.GetValueOrDefault(parent.ParentScope))
        {
            if (parent == container)
                return true;
        }

        return false;
    }

    private void CloseAll(DateTimeOffset at, StateStatus otherwise)
    {
        foreach (var visit in _open.Values.ToList())
            Resolve(visit, visit.HasError ? StateStatus.Failed : otherwise, at);
    }

    private void Resolve(Visit visit, StateStatus outcome, DateTimeOffset at)
    {
        if (!_open.Remove(visit.EnteredEventId))
            return;
        visit.State.Close(outcome, at);
    }

    private sealed class Visit(long enteredEventId, Accumulator state, long parentScope, bool isContainer)
    {
        public long EnteredEventId { get; } = enteredEventId;

        public Accumulator State { get; } = state;

        /// <summary>The state open around this one (its Parallel or Map), or <see cref="NoScope"/>.</summary>
        public long ParentScope { get; } = parentScope;

        public bool IsContainer { get; } = isContainer;

        public bool HasError { get; set; }
    }

    private sealed class Accumulator(string name)
    {
        private readonly Dictionary<StateStatus, int> _outcomes = [];
        private StateStatus _last = StateStatus.NotStarted;

        public string Name { get; } = name;

        public int Visits { get; set; }

        public int Open { get; set; }

        public string? Input { get; set; }

        public string? Output { get; set; }

        public DateTimeOffset? EnteredAt { get; set; }

        public long EnteredEventId { get; set; }

        private DateTimeOffset? ExitedAt { get; set; }

        private string? Error { get; set; }

        private string? Cause { get; set; }

        public void SetError(string? error, string? cause)
        {
            Error = error;
            Cause = cause;
        }

        public void Close(StateStatus outcome, DateTimeOffset at)
        {
            Open--;
            _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
            _last = outcome;
            ExitedAt = at;
        }

        public void ForgetUnfinished()
        {
            _outcomes.Remove(StateStatus.Failed);
            _outcomes.Remove(StateStatus.Cancelled);
            if (_last is StateStatus.Failed or StateStatus.Cancelled)
                _last = StateStatus.NotStarted;
        }

        public StateSummary Summary()
        {
            var status = Open > 0 ? StateStatus.InProgress
                : _outcomes.GetValueOrDefault(StateStatus.Failed) > 0 ? StateStatus.Failed
                : _last;
            return new StateSummary(Name, status, Visits, new Dictionary<StateStatus, int>(_outcomes))
            {
                Input = Input,
                Output = Output,
                Error = Error,
                Cause = Cause,
                EnteredAt = EnteredAt,
                ExitedAt = ExitedAt,
                EnteredEventId = EnteredEventId,
            };
        }
    }
}
