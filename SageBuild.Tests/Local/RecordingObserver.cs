using System.Collections.Concurrent;
using SageBuild.Local.Jobs;

namespace SageBuild.Tests.Local;

/// <summary>Remembers everything the local backends report, for tests to inspect.</summary>
internal sealed class RecordingObserver : ILocalBackendObserver
{
    public ConcurrentQueue<LocalJob> Started { get; } = new();

    public ConcurrentQueue<(LocalJob Job, string Line)> Lines { get; } = new();

    public ConcurrentQueue<(LocalJob Job, string Name, double Value)> Metrics { get; } = new();

    public ConcurrentQueue<(LocalJob Job, string Status, string? Message)> Statuses { get; } = new();

    public void JobStarted(LocalJob job) => Started.Enqueue(job);

    public void LogLine(LocalJob job, string line) => Lines.Enqueue((job, line));

    public void Metric(LocalJob job, string metricName, double value) => Metrics.Enqueue((job, metricName, value));

    public void StatusChanged(LocalJob job, string status, string? message) => Statuses.Enqueue((job, status, message));

    public bool HasStatus(string jobName, string status) => Statuses.Any(s => s.Job.Name == jobName && s.Status == status);
}
