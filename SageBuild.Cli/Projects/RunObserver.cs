using System.Collections.Concurrent;
using System.Diagnostics;
using SageBuild.Local.Jobs;

namespace SageBuild.Cli.Projects;

/// <summary>
/// Hears the local backends during a run: the tail of the current job's log, the metrics, and how long the user's own
/// commands ran (builds, the training command, serving processes starting up), which the overhead benchmark subtracts.
/// </summary>
public sealed class RunObserver : ILocalBackendObserver
{
    private const int TailLength = 8;
    private readonly Lock _gate = new();
    private readonly Queue<string> _tail = new();
    private readonly ConcurrentDictionary<string, double> _metrics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _started = new(StringComparer.Ordinal);
    private long _commandTicks;

    /// <summary>The last lines the current job printed, oldest first.</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
            return [.. _tail];
    }

    /// <summary>The last value of each metric the training printed.</summary>
    public IReadOnlyDictionary<string, double> Metrics => _metrics;

    /// <summary>The job whose lines <see cref="Tail"/> shows, such as <c>training sagebuild-x-1-train</c>.</summary>
    public string? CurrentJob { get; private set; }

    /// <summary>How long the user's commands ran: builds, training commands and serving processes until healthy.</summary>
    public TimeSpan CommandTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commandTicks));

    /// <summary>Forgets the last run's tail, metrics and timings.</summary>
    public void Reset()
    {
        lock (_gate)
            _tail.Clear();
        _metrics.Clear();
        _started.Clear();
        Interlocked.Exchange(ref _commandTicks, 0);
    }

    /// <inheritdoc />
    public void JobStarted(LocalJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Kind == LocalJobKind.Endpoint)
            return;
        lock (_gate)
        {
            _tail.Clear();
            CurrentJob = $"{job.Kind.ToString().ToLowerInvariant()} {job.Name}";
        }
    }

    /// <inheritdoc />
    public void LogLine(LocalJob job, string line)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(line);
        if (job.Kind == LocalJobKind.Endpoint)
            return;
        if (job.Kind == LocalJobKind.Build)
            TimeBuildPhase(job, line);
        lock (_gate)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLength)
                _tail.Dequeue();
        }
    }

    /// <inheritdoc />
    public void Metric(LocalJob job, string metricName, double value) => _metrics[metricName] = value;

    /// <inheritdoc />
    public void StatusChanged(LocalJob job, string status, string? message)
    {
        ArgumentNullException.ThrowIfNull(job);
        var key = Key(job);
        switch (job.Kind, status)
        {
            // The user's command runs between these statuses; everything else is SageBuild's.
            case (LocalJobKind.Training, "Training"):
            case (LocalJobKind.Endpoint, "Creating" or "Updating" or "SystemUpdating"):
                _started[key] = Stopwatch.GetTimestamp();
                break;
            case (LocalJobKind.Training, _):
            case (LocalJobKind.Endpoint, "InService" or "Failed"):
                if (_started.TryRemove(key, out var started))
                    Interlocked.Add(ref _commandTicks, Stopwatch.GetTimestamp() - started);
                break;
        }
    }

    // The build service stamps each phase's start and end in the log as it happens (as CodeBuild does): the user's
    // commands run between "Entering phase BUILD" and "Phase complete: BUILD"; the source copy and the artifacts'
    // collection around them are SageBuild's.
    private void TimeBuildPhase(LocalJob job, string line)
    {
        if (!line.Contains("[Container] ", StringComparison.Ordinal))
            return;
        var key = Key(job);
        if (UserPhases.Any(p => line.EndsWith("Entering phase " + p, StringComparison.Ordinal)))
            _started[key] = Stopwatch.GetTimestamp();
        else if (line.Contains("Phase complete: ", StringComparison.Ordinal) && _started.TryRemove(key, out var started))
            Interlocked.Add(ref _commandTicks, Stopwatch.GetTimestamp() - started);
    }

    private static readonly string[] UserPhases = ["INSTALL", "PRE_BUILD", "BUILD", "POST_BUILD"];

    private static string Key(LocalJob job) => $"{job.Kind}/{job.Name}";
}
