namespace SageBuild.Local.Scheduling;

/// <summary>
/// Fires a callback at every occurrence of a <see cref="ScheduleExpression"/>, timed by a <see cref="TimeProvider"/>
/// so that tests control the clock. Like EventBridge, it never fires twice for one occurrence and never catches up on
/// occurrences missed while it was not running: after each firing the next occurrence is computed from now.
/// </summary>
public sealed class Scheduler : IAsyncDisposable, IDisposable
{
    // Timers take at most about 49 days; a farther occurrence is reached by waking up once a day and looking again.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(1);

    private readonly ScheduleExpression _expression;
    private readonly Action<DateTimeOffset> _onOccurrence;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private DateTimeOffset? _next;
    private bool _disposed;

    /// <summary>Creates a scheduler; it fires nothing until <see cref="Start"/>.</summary>
    /// <param name="expression">The schedule.</param>
    /// <param name="onOccurrence">Called with the occurrence's scheduled time. Exceptions it throws are swallowed so the schedule goes on; report them inside.</param>
    /// <param name="timeProvider">The clock. <value>Default: <see cref="TimeProvider.System"/>.</value></param>
    public Scheduler(ScheduleExpression expression, Action<DateTimeOffset> onOccurrence, TimeProvider? timeProvider = null)
    {
        _expression = expression ?? throw new ArgumentNullException(nameof(expression));
        _onOccurrence = onOccurrence ?? throw new ArgumentNullException(nameof(onOccurrence));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The next time the callback will fire, or null before <see cref="Start"/> and after the schedule's end.</summary>
    public DateTimeOffset? NextOccurrence
    {
        get
        {
            lock (_gate)
                return _next;
        }
    }

    /// <summary>Starts the schedule. A rate expression first fires one interval from now, as a new EventBridge rule does.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_timer is not null)
                throw new InvalidOperationException("the scheduler is already started");
            _next = _expression.GetNextOccurrence(_time.GetUtcNow());
            _timer = _time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            ArmLocked();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _next = null;
            _timer?.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnTimer()
    {
        DateTimeOffset due;
        lock (_gate)
        {
            if (_disposed || _next is not { } next)
                return;
            var now = _time.GetUtcNow();
            if (now < next)
            {
                ArmLocked();   // woke early (a long wait is cut into days): wait again
                return;
            }

            due = next;
            _next = _expression.GetNextOccurrence(now > next ? now : next);
            ArmLocked();
        }

#pragma warning disable CA1031 // A failing callback must not stop the schedule; the callback reports its own errors.
        try
        {
            _onOccurrence(due);
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    private void ArmLocked()
    {
        if (_next is not { } next || _timer is null)
            return;
        var delay = next - _time.GetUtcNow();
        if (delay < TimeSpan.Zero)
            delay = TimeSpan.Zero;
        _timer.Change(delay > MaxTimerDelay ? MaxTimerDelay : delay, Timeout.InfiniteTimeSpan);
    }
}
