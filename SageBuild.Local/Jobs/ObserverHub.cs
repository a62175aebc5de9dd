namespace SageBuild.Local.Jobs;

/// <summary>Fans events out to the configured observers, shielding jobs from an observer that throws.</summary>
internal sealed class ObserverHub(IReadOnlyList<ILocalBackendObserver> observers)
{
    public static readonly ObserverHub None = new([]);

    public void JobStarted(LocalJob job) => Each(o => o.JobStarted(job));

    public void LogLine(LocalJob job, string line) => Each(o => o.LogLine(job, line));

    public void Metric(LocalJob job, string name, double value) => Each(o => o.Metric(job, name, value));

    public void StatusChanged(LocalJob job, string status, string? message = null) => Each(o => o.StatusChanged(job, status, message));

    private void Each(Action<ILocalBackendObserver> call)
    {
        foreach (var observer in observers)
        {
#pragma warning disable CA1031 // A display that fails must not fail the training job it displays.
            try
            {
                call(observer);
            }
            catch (Exception)
            {
            }
#pragma warning restore CA1031
        }
    }
}
