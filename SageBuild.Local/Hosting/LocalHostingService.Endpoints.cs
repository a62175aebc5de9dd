using SageBuild.Local.Jobs;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Hosting;

internal sealed partial class LocalHostingService
{
    /// <summary>CreateEndpoint: registers the endpoint as Creating and starts its variants in the background.</summary>
    public LocalEndpoint CreateEndpoint(JsonValue parameters)
    {
        var request = new ShapeReader(parameters, "");
        var name = request.RequiredName("EndpointName");
        var config = DescribeEndpointConfig(request.RequiredName("EndpointConfigName"));
        LocalEndpoint endpoint;
        lock (_gate)
        {
            var arn = context.Arns.SageMaker("endpoint", name);
            if (_endpoints.ContainsKey(name))
                throw ServiceException.Invalid($"Cannot create already existing endpoint \"{arn}\".");
            endpoint = new LocalEndpoint(name, arn, context.Now)
            {
                ConfigName = config.Name,
                LastDeploymentConfig = request.OptionalObject("DeploymentConfig")?.Value,
            };
            _endpoints[name] = endpoint;
            Save(endpoint);
        }

        Announce(endpoint);
        StartOperation(endpoint, token => DeployFirstAsync(endpoint, config, restoring: false, token));
        return endpoint;
    }

    /// <summary>
    /// UpdateEndpoint: a blue/green deployment. The new configuration's variants start beside the old ones; once all
    /// pass their health check, traffic switches to them at once, the old variants finish the requests they hold,
    /// and then they stop. When the new variants fail to start, the old ones keep serving and the endpoint returns
    /// to InService on the old configuration with a FailureReason, as SageMaker does.
    /// </summary>
    public LocalEndpoint UpdateEndpoint(JsonValue parameters)
    {
        var request = new ShapeReader(parameters, "");
        var endpoint = FindEndpoint(request.RequiredName("EndpointName"));
        var config = DescribeEndpointConfig(request.RequiredName("EndpointConfigName"));
        var deploymentConfig = request.OptionalObject("DeploymentConfig")?.Value;
        var retain = request.OptionalBoolean("RetainDeploymentConfig") ?? false;
        TrafficRouting routing;
        lock (endpoint.Gate)
        {
            routing = TrafficRouting.Parse(retain ? endpoint.LastDeploymentConfig : deploymentConfig, config.Variants.Sum(v => v.InstanceCount));
            if (endpoint.Status != "InService")
                throw ServiceException.Invalid($"Cannot update in-progress endpoint \"{endpoint.Arn}\" (its status is {endpoint.Status}).");
            endpoint.Status = "Updating";
            endpoint.FailureReason = null;
            endpoint.Pending = (config.Name, context.Now);
            endpoint.LastModifiedTime = context.Now;
            if (!retain)
                endpoint.LastDeploymentConfig = deploymentConfig;
        }

        Save(endpoint);
        Announce(endpoint);
        StartOperation(endpoint, token => UpdateAsync(endpoint, config, routing, token));
        return endpoint;
    }

    public LocalEndpoint FindEndpoint(string name) =>
        _endpoints.TryGetValue(name, out var endpoint)
            ? endpoint
            : throw ServiceException.Invalid($"Could not find endpoint \"{context.Arns.SageMaker("endpoint", name)}\".");

    /// <summary>DeleteEndpoint: stops whatever the endpoint is doing, drains and stops its processes, and forgets it.</summary>
    public async Task DeleteEndpointAsync(string name)
    {
        var endpoint = FindEndpoint(name);
        lock (endpoint.Gate)
        {
            if (endpoint.Status == "Deleting")
                return;
            endpoint.Status = "Deleting";
        }

        Announce(endpoint);
        await (endpoint.OperationCancellation?.CancelAsync() ?? Task.CompletedTask);
        await endpoint.Operation.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await RetireAsync(endpoint.Swap(null));
        lock (_gate)
        {
            _store.Delete(HostingStore.Endpoints, name);
            _endpoints.TryRemove(name, out _);
        }

        try
        {
            Directory.Delete(context.PathUnder("hosting", "endpoints", name), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static void StartOperation(LocalEndpoint endpoint, Func<CancellationToken, Task> operation)
    {
        var cancellation = new CancellationTokenSource();
        lock (endpoint.Gate)
        {
            endpoint.OperationCancellation?.Dispose();
            endpoint.OperationCancellation = cancellation;
            endpoint.Operation = Task.Run(() => operation(cancellation.Token));
        }
    }

    /// <summary>Creates (or, after a restart, restores) the endpoint's first deployment.</summary>
    private async Task DeployFirstAsync(LocalEndpoint endpoint, EndpointConfigRecord config, bool restoring, CancellationToken cancellationToken)
    {
        try
        {
            var deployment = await StartDeploymentAsync(endpoint, config, cancellationToken);
            endpoint.Swap(deployment);
            Settle(endpoint, "InService", config.Name, failureReason: null);
        }
        catch (ContainerStartupException e)
        {
            Settle(endpoint, "Failed", config.Name, (restoring ? "The endpoint could not be restored: " : "") + e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Deleted while it was being created.
        }
    }

    private async Task UpdateAsync(LocalEndpoint endpoint, EndpointConfigRecord config, TrafficRouting routing, CancellationToken cancellationToken)
    {
        Deployment next;
        try
        {
            next = await StartDeploymentAsync(endpoint, config, cancellationToken);
        }
        catch (ContainerStartupException e)
        {
            lock (endpoint.Gate)
                endpoint.Pending = null;
            Settle(endpoint, "InService", endpoint.ConfigName, $"Failed to update the endpoint to configuration \"{config.Name}\": {e.Message}");
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            // Canary and linear updates send a growing share of the requests to the new fleet, one wait interval per step.
            foreach (var share in routing.Steps)
            {
                endpoint.Shift = new TrafficShift(next, share);
                await Task.Delay(routing.WaitInterval, context.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            endpoint.Shift = null; // deleted while shifting: the new fleet goes, the old one is retired by the deletion
            await RetireAsync(next);
            return;
        }

        // The switch: from here on every new request goes to the new variants.
        var previous = endpoint.Swap(next);
        endpoint.Shift = null;
        var keepOldFleet = (routing.Type == "ALL_AT_ONCE" ? routing.WaitInterval : TimeSpan.Zero) + routing.TerminationWait;
        if (keepOldFleet > TimeSpan.Zero)
        {
            // Baking and termination wait: the old fleet stays up, without traffic, so a rollback would be instant.
            await Task.Delay(keepOldFleet, context.Time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await RetireAsync(previous);
        lock (endpoint.Gate)
            endpoint.Pending = null;
        Settle(endpoint, "InService", config.Name, failureReason: null);
    }

    /// <summary>Retires a deployment that no longer receives requests: waits for those it holds, then stops its processes.</summary>
    private async Task RetireAsync(Deployment? deployment)
    {
        if (deployment is null)
            return;
        deployment.Retire();
        await deployment.Drained.WaitAsync(context.Options.DrainTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await deployment.StopAsync(context.Options.StopGracePeriod);
        await deployment.DisposeAsync();
    }

    private async Task<Deployment> StartDeploymentAsync(LocalEndpoint endpoint, EndpointConfigRecord config, CancellationToken cancellationToken)
    {
        var id = $"{config.Name}-{Guid.NewGuid().ToString("N")[..8]}";
        var directory = context.PathUnder("hosting", "endpoints", endpoint.Name, "deployments", id);
        var starts = config.Variants.Select(v => StartVariantAsync(endpoint, v, directory, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            // One variant failed: stop the ones that did start before reporting it.
            foreach (var started in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await started.Result.StopAsync(context.Options.StopGracePeriod);
                await started.Result.DisposeAsync();
            }

            var failure = starts.Select(s => s.Exception?.InnerException).OfType<ContainerStartupException>().FirstOrDefault();
            if (failure is not null)
                throw failure;
            throw;
        }

        return new Deployment(config.Name, starts.Select(s => s.Result).ToList(), directory, DataCapture.From(config, context.Artifacts));
    }

    private void Settle(LocalEndpoint endpoint, string status, string configName, string? failureReason)
    {
        lock (endpoint.Gate)
        {
            if (endpoint.Status == "Deleting")
                return;
            endpoint.Status = status;
            endpoint.ConfigName = configName;
            endpoint.FailureReason = failureReason;
            endpoint.LastModifiedTime = context.Now;
        }

        Save(endpoint);
        Announce(endpoint);
    }

    private void Save(LocalEndpoint endpoint)
    {
        lock (_gate)
        {
            if (_endpoints.ContainsKey(endpoint.Name))
                _store.Save(HostingStore.Endpoints, endpoint.Name, endpoint.Saved());
        }
    }

    private void Announce(LocalEndpoint endpoint)
    {
        string status;
        string? reason;
        lock (endpoint.Gate)
            (status, reason) = (endpoint.Status, endpoint.FailureReason);
        var job = new LocalJob(LocalJobKind.Endpoint, endpoint.Name, null);
        if (status is "Creating")
            context.Observers.JobStarted(job);
        context.Observers.StatusChanged(job, status, reason);
    }
}
