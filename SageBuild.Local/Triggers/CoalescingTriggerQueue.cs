using System.Diagnostics.CodeAnalysis;

namespace SageBuild.Local.Triggers;

/// <summary>
/// Runs one build at a time. A trigger that arrives while a build runs is never dropped: it becomes the single
/// pending build, and later arrivals coalesce into it (the pending build takes the newest commit), so a burst of
/// commits during a long training run ends in exactly one more build, of the newest commit.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is a queue of builds, and the issue names it so; it is not a System.Collections queue.")]
public sealed class CoalescingTriggerQueue
{
    private readonly Func<BuildTrigger, CancellationToken, Task> _startBuild;
    private readonly Action<BuildTrigger, Exception>? _onBuildError;
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = CompletedIdle();
    private readonly CancellationToken _stopping;

    /// <summary>Creates a queue.</summary>
    /// <param name="startBuild">Runs one build to its end; the queue starts the next pending build when the task completes.</param>
    /// <param name="onBuildError">Told when <paramref name="startBuild"/> throws; the queue goes on with the pending build either way.</param>
    /// <param name="stopping">When cancelled, no further build is started (the running one is told through its token).</param>
    public CoalescingTriggerQueue(Func<BuildTrigger, CancellationToken, Task> startBuild, Action<BuildTrigger, Exception>? onBuildError = null, CancellationToken stopping = default)
    {
        _startBuild = startBuild ?? throw new ArgumentNullException(nameof(startBuild));
        _onBuildError = onBuildError;
        _stopping = stopping;
    }

    /// <summary>The build running now, or null.</summary>
    public BuildTrigger? Running { get; private set; }

    /// <summary>The build that will run next, with everything that arrived during the running one folded in, or null.</summary>
    public BuildTrigger? Pending { get; private set; }

    /// <summary>How many builds have been started.</summary>
    public int StartedCount { get; private set; }

    /// <summary>Asks for a build: it starts now when nothing runs, else it is folded into the pending build.</summary>
    public void Submit(BuildTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        lock (_gate)
        {
            if (Running is not null)
            {
                Pending = Pending is null ? trigger : Pending.CoalesceWith(trigger);
                return;
            }

            Running = trigger;
            StartedCount++;
            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _ = Task.Run(() => RunAsync(trigger));
    }

    /// <summary>Completes when no build runs and none is pending.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
            return _idle.Task;
    }

    private async Task RunAsync(BuildTrigger trigger)
    {
        while (true)
        {
#pragma warning disable CA1031 // A failed build must not stop the queue: the pending build still has to run.
            try
            {
                await _startBuild(trigger, _stopping);
            }
            catch (Exception e)
            {
                _onBuildError?.Invoke(trigger, e);
            }
#pragma warning restore CA1031

            TaskCompletionSource? idle = null;
            lock (_gate)
            {
                if (Pending is null || _stopping.IsCancellationRequested)
                {
                    Running = null;
                    Pending = _stopping.IsCancellationRequested ? Pending : null;
                    idle = _idle;
                }
                else
                {
                    trigger = Pending;
                    Running = trigger;
                    Pending = null;
                    StartedCount++;
                }
            }

            if (idle is not null)
            {
                idle.TrySetResult();
                return;
            }
        }
    }

    private static TaskCompletionSource CompletedIdle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }
}
