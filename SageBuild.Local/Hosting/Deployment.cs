namespace SageBuild.Local.Hosting;

/// <summary>
/// The running variants of one endpoint configuration. An endpoint routes through exactly one deployment at a time;
/// a blue/green update swaps in a new one, retires the old one, waits until the requests it is serving have
/// finished (<see cref="Drained"/>), and only then stops it.
/// </summary>
/// <remarks>
/// A request first takes a lease (<see cref="TryAcquire"/>). The lease fails once the deployment is retired, and the
/// request then reads the endpoint's current deployment again; because the new deployment is published before the old
/// one is retired, no request is ever sent to a process that is being stopped.
/// </remarks>
internal sealed class Deployment(string configName, IReadOnlyList<VariantDeployment> variants, string directory, DataCapture? capture) : IAsyncDisposable
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _retired;

    public string ConfigName { get; } = configName;

    public IReadOnlyList<VariantDeployment> Variants { get; } = variants;

    /// <summary>The configuration's data capture, or null.</summary>
    public DataCapture? Capture { get; } = capture;

    /// <summary>Where the deployment's models are extracted; removed when it is disposed.</summary>
    public string Directory { get; } = directory;

    /// <summary>Completes once the deployment is retired and no request holds a lease.</summary>
    public Task Drained => _drained.Task;

    // A request writes the count then reads the flag; Retire writes the flag then reads the count. Both writes are
    // full fences (Interlocked), so at least one side sees the other: a request never slips past a retirement.
    public bool TryAcquire()
    {
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _retired) == 0)
            return true;
        Release();
        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _retired) == 1)
            _drained.TrySetResult();
    }

    public void Retire()
    {
        Interlocked.Exchange(ref _retired, 1);
        if (Volatile.Read(ref _inFlight) == 0)
            _drained.TrySetResult();
    }

    /// <summary>
    /// The variant for a request: the one it targets (null when there is no such variant), or one drawn at random
    /// in proportion to the variants' weights.
    /// </summary>
    public VariantDeployment? Pick(string? targetVariant)
    {
        if (targetVariant is not null)
            return Variants.FirstOrDefault(v => v.Spec.VariantName == targetVariant);
        if (Variants.Count == 1)
            return Variants[0];
        var total = Variants.Sum(v => v.Spec.Weight);
        if (total <= 0)
            return Variants[Random.Shared.Next(Variants.Count)];
        var draw = Random.Shared.NextDouble() * total;
        foreach (var variant in Variants)
        {
            draw -= variant.Spec.Weight;
            if (draw < 0)
                return variant;
        }

        return Variants[^1];
    }

    public Task StopAsync(TimeSpan gracePeriod) => Task.WhenAll(Variants.Select(v => v.StopAsync(gracePeriod)));

    public async ValueTask DisposeAsync()
    {
        foreach (var variant in Variants)
            await variant.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open leaves the folder behind; it is removed with the endpoint.
        }
    }
}
