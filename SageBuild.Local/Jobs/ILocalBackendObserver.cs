namespace SageBuild.Local.Jobs;

/// <summary>
/// Hears what the local backends do, as it happens: the live display of <c>sagebuild run</c> subscribes to it.
/// Every method has an empty default, so an observer implements only what it shows.
/// </summary>
/// <remarks>
/// Calls come from the threads that read the processes' output, possibly several at once: implementations must be
/// thread-safe and quick. An exception thrown by an observer is swallowed, because a display must never fail a job.
/// </remarks>
public interface ILocalBackendObserver
{
    /// <summary>A job started.</summary>
    void JobStarted(LocalJob job)
    {
    }

    /// <summary>A job printed a line (standard output and standard error alike, without the line break).</summary>
    void LogLine(LocalJob job, string line)
    {
    }

    /// <summary>A training job's log matched one of its metric definitions.</summary>
    void Metric(LocalJob job, string metricName, double value)
    {
    }

    /// <summary>A job's status changed, for example to <c>Training</c>, <c>Completed</c> or <c>InService</c>.</summary>
    void StatusChanged(LocalJob job, string status, string? message)
    {
    }
}
