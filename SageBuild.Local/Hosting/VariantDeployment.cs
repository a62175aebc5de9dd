namespace SageBuild.Local.Hosting;

/// <summary>A production variant's running instances, with its model and weight.</summary>
internal sealed class VariantDeployment(VariantSpec spec, ModelRecord model, IReadOnlyList<ServingInstance> instances, IReadOnlyList<string> images, DateTimeOffset startedAt)
    : IAsyncDisposable
{
    private int _next = -1;

    public VariantSpec Spec { get; } = spec;

    public ModelRecord Model { get; } = model;

    public IReadOnlyList<ServingInstance> Instances { get; } = instances;

    /// <summary>The images of the model's containers, as specified.</summary>
    public IReadOnlyList<string> Images { get; } = images;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>The next instance, round robin, skipping any whose process has died while another is alive.</summary>
    public ServingInstance Next()
    {
        for (var attempt = 0; attempt < Instances.Count; attempt++)
        {
            var instance = Instances[(int)((uint)Interlocked.Increment(ref _next) % (uint)Instances.Count)];
            if (instance.IsAlive)
                return instance;
        }

        return Instances[0];
    }

    public Task StopAsync(TimeSpan gracePeriod) => Task.WhenAll(Instances.Select(i => i.StopAsync(gracePeriod)));

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances)
            await instance.DisposeAsync();
    }
}
