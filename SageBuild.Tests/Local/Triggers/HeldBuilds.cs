using System.Collections.Concurrent;
using SageBuild.Local.Triggers;

namespace SageBuild.Tests.Local.Triggers;

/// <summary>A stand-in pipeline runner: each build records its trigger and runs until the test lets it finish.</summary>
internal sealed class HeldBuilds : IDisposable
{
    private readonly ConcurrentQueue<TaskCompletionSource> _running = new();
    private readonly SemaphoreSlim _started = new(0);

    public ConcurrentQueue<BuildTrigger> Started { get; } = new();

    public async Task RunAsync(BuildTrigger trigger, CancellationToken cancellationToken)
    {
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running.Enqueue(finish);
        Started.Enqueue(trigger);
        _started.Release();
        await finish.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Waits until the next build has started and returns its trigger.</summary>
    public async Task<BuildTrigger> NextStartedAsync()
    {
        Assert.That(await _started.WaitAsync(TimeSpan.FromSeconds(30)), Is.True, "no build started");
        return Started.Last();
    }

    public void Dispose() => _started.Dispose();

    /// <summary>Lets the oldest running build finish.</summary>
    public void FinishOne()
    {
        Assert.That(_running.TryDequeue(out var finish), Is.True, "no build is running");
        finish!.SetResult();
    }
}
