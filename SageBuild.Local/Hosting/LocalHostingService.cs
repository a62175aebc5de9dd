using System.Collections.Concurrent;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Hosting;

/// <summary>
/// SageMaker hosting on this machine: models, endpoint configurations and endpoints, kept on disk, with each
/// endpoint's variants served by local processes under SageMaker's hosting contract and updated blue/green.
/// </summary>
internal sealed partial class LocalHostingService(LocalContext context) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ModelRecord> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EndpointConfigRecord> _configs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly HostingStore _store = new(context.PathUnder("hosting"));
    private readonly Lock _gate = new();

    /// <summary>The endpoints, by name.</summary>
    public IReadOnlyDictionary<string, LocalEndpoint> Endpoints => _endpoints;

    /// <summary>Reads what was saved and, when the options say so, starts again the endpoints that were in service.</summary>
    public void Load()
    {
        foreach (var saved in _store.All(HostingStore.Models))
            _models[Name(saved, "ModelName")] = ModelRecord.Parse(saved["Request"], _ => Text(saved, "ModelArn"), Time(saved, "CreationTime"));
        foreach (var saved in _store.All(HostingStore.EndpointConfigs))
            _configs[Name(saved, "EndpointConfigName")] = EndpointConfigRecord.Parse(saved["Request"], _ => Text(saved, "EndpointConfigArn"), Time(saved, "CreationTime"));
        foreach (var saved in _store.All(HostingStore.Endpoints))
        {
            var endpoint = new LocalEndpoint(Text(saved, "EndpointName"), Text(saved, "EndpointArn"), Time(saved, "CreationTime"))
            {
                ConfigName = Text(saved, "EndpointConfigName"),
                Status = Text(saved, "EndpointStatus"),
                FailureReason = saved.TryGetValue("FailureReason", out var reason) && reason is JsonString s ? s.Value : null,
                LastModifiedTime = Time(saved, "LastModifiedTime"),
                LastDeploymentConfig = saved.TryGetValue("LastDeploymentConfig", out var deployment) ? deployment : null,
            };
            if (endpoint.Status == "Deleting")
            {
                _store.Delete(HostingStore.Endpoints, endpoint.Name); // the previous run stopped while deleting it
                continue;
            }

            _endpoints[endpoint.Name] = endpoint;
            if (endpoint.Status == "Failed")
                continue;
            if (!context.Options.RestoreEndpoints || !_configs.TryGetValue(endpoint.ConfigName, out var config))
            {
                endpoint.Status = "OutOfService";
                continue;
            }

            // Its processes ended with the previous run: bring them back. An update that was cut short is abandoned,
            // so the endpoint comes back on the configuration it was serving.
            var creating = endpoint.Status == "Creating";
            endpoint.Status = creating ? "Creating" : "SystemUpdating";
            StartOperation(endpoint, token => DeployFirstAsync(endpoint, config, restoring: !creating, token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var endpoint in _endpoints.Values)
        {
            await (endpoint.OperationCancellation?.CancelAsync() ?? Task.CompletedTask);
            await endpoint.Operation.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (endpoint.Swap(null) is { } active)
            {
                await active.StopAsync(context.Options.StopGracePeriod);
                await active.DisposeAsync();
            }
        }
    }

    private static string Text(JsonObject saved, string key) => ((JsonString)saved[key]).Value;

    private static string Name(JsonObject saved, string key) => ((JsonString)((JsonObject)saved["Request"])[key]).Value;

    private static DateTimeOffset Time(JsonObject saved, string key) =>
        DateTimeOffset.Parse(Text(saved, key), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    private static JsonObject Saved(JsonObject request, string arnKey, string arn, DateTimeOffset creationTime) =>
        JsonObject.Create(("Request", request), (arnKey, arn), ("CreationTime", TimestampFormat.Iso8601.Render(creationTime)));
}
