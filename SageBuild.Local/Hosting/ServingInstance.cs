using SageBuild.Local.Jobs;

namespace SageBuild.Local.Hosting;

/// <summary>
/// One instance of a production variant: the model's containers, running. A request goes through a pipeline's
/// containers in order, each one's response being the next one's request (Serial), or to the one it names (Direct).
/// </summary>
internal sealed class ServingInstance(IReadOnlyList<ServingContainer> containers, IReadOnlyList<JobLog> logs, bool isDirect) : IAsyncDisposable
{
    public IReadOnlyList<ServingContainer> Containers { get; } = containers;

    public bool IsAlive => Containers.All(c => !c.HasEnded);

    /// <exception cref="InvocationException">The request names no container, or an unknown one, of a Direct pipeline.</exception>
    public async Task<ContainerResponse> InvokeAsync(
        byte[] body, string? contentType, string? accept, string? customAttributes, string? targetContainer, CancellationToken cancellationToken)
    {
        if (isDirect || targetContainer is not null)
        {
            var target = targetContainer is null && Containers.Count == 1
                ? Containers[0]
                : Containers.FirstOrDefault(c => c.Hostname == targetContainer)
                  ?? throw new InvocationException(400, "ValidationError",
                      $"TargetContainerHostname '{targetContainer}' is not one of this model's containers ({string.Join(", ", Containers.Select(c => c.Hostname))})");
            return await target.InvokeAsync(body, contentType, accept, customAttributes, cancellationToken);
        }

        ContainerResponse response = null!;
        for (var i = 0; i < Containers.Count; i++)
        {
            // Inside a pipeline the next container is asked for the final Accept type only at the end, as SageMaker does.
            response = await Containers[i].InvokeAsync(body, contentType, i == Containers.Count - 1 ? accept : null, customAttributes, cancellationToken);
            if (!response.IsSuccess)
                return response;
            body = response.Body;
            contentType = response.ContentType ?? contentType;
        }

        return response;
    }

    public Task StopAsync(TimeSpan gracePeriod) => Task.WhenAll(Containers.Select(c => c.StopAsync(gracePeriod)));

    public async ValueTask DisposeAsync()
    {
        foreach (var container in Containers)
            await container.DisposeAsync();
        foreach (var log in logs)
            log.Dispose();
    }
}
