using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local;

/// <summary>Direct deployments, for a rollback that redeploys a recorded build without running the pipeline.</summary>
public sealed partial class LocalBackends
{
    /// <summary>Whether a model of that name exists.</summary>
    public bool HasModel(string modelName) => Exists(() => Hosting.DescribeModel(modelName));

    /// <summary>Whether an endpoint config of that name exists.</summary>
    public bool HasEndpointConfig(string endpointConfigName) => Exists(() => Hosting.DescribeEndpointConfig(endpointConfigName));

    /// <summary>The endpoint config <paramref name="endpointName"/> serves, or null when there is no such endpoint.</summary>
    public string? EndpointConfigName(string endpointName)
    {
        if (!Hosting.Endpoints.TryGetValue(endpointName, out var endpoint))
            return null;
        lock (endpoint.Gate)
            return endpoint.ConfigName;
    }

    /// <summary>Creates a model from CreateModel's request (<c>ModelName</c>, <c>PrimaryContainer</c>, ...).</summary>
    /// <exception cref="InvalidOperationException">The request is refused; the message says why.</exception>
    public void CreateModel(JsonObject request) => Refused(() => Hosting.CreateModel(request));

    /// <summary>Creates an endpoint config from CreateEndpointConfig's request (<c>EndpointConfigName</c>, <c>ProductionVariants</c>).</summary>
    /// <exception cref="InvalidOperationException">The request is refused; the message says why.</exception>
    public void CreateEndpointConfig(JsonObject request) => Refused(() => Hosting.CreateEndpointConfig(request));

    /// <summary>
    /// Makes <paramref name="endpointName"/> serve <paramref name="endpointConfigName"/>: creates the endpoint, or
    /// updates it blue/green (all at once, no baking wait), then waits until it is in service on that config.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint failed, or kept its old config; the message gives SageMaker's reason.</exception>
    /// <exception cref="TimeoutException">It was not in service on the config within <paramref name="timeout"/>.</exception>
    public async Task DeployAsync(string endpointName, string endpointConfigName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // An endpoint brought back after a restart is SystemUpdating for a moment; an update must wait for it.
        await WaitForSettledAsync(endpointName, timeout, cancellationToken);
        var request = JsonObject.Create(("EndpointName", endpointName), ("EndpointConfigName", endpointConfigName));
        if (Hosting.Endpoints.ContainsKey(endpointName))
        {
            var routing = JsonObject.Create(("Type", "ALL_AT_ONCE"), ("WaitIntervalInSeconds", JsonNumber.From(0)));
            var policy = JsonObject.Create(("BlueGreenUpdatePolicy", JsonObject.Create(("TrafficRoutingConfiguration", routing))));
            Refused(() => Hosting.UpdateEndpoint(request.With("DeploymentConfig", policy)));
        }
        else
        {
            Refused(() => Hosting.CreateEndpoint(request));
        }

        await WaitForSettledAsync(endpointName, timeout, cancellationToken);
        var endpoint = Hosting.Endpoints[endpointName];
        lock (endpoint.Gate)
        {
            if (endpoint.Status != "InService" || endpoint.ConfigName != endpointConfigName)
                throw new InvalidOperationException($"endpoint {endpointName} is {endpoint.Status} on {endpoint.ConfigName}, not on {endpointConfigName}: {endpoint.FailureReason}");
        }
    }

    private async Task WaitForSettledAsync(string endpointName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _context.Time.GetUtcNow() + timeout;
        while (EndpointStatus(endpointName) is "Creating" or "Updating" or "SystemUpdating" or "RollingBack")
        {
            if (_context.Time.GetUtcNow() > deadline)
                throw new TimeoutException($"endpoint {endpointName} was still {EndpointStatus(endpointName)} after {timeout.TotalSeconds} s");
            await Task.Delay(TimeSpan.FromMilliseconds(100), _context.Time, cancellationToken);
        }
    }

    private static bool Exists(Action describe)
    {
        try
        {
            describe();
            return true;
        }
        catch (ServiceException)
        {
            return false;
        }
    }

    private static void Refused(Action call)
    {
        try
        {
            call();
        }
        catch (ServiceException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }
}
