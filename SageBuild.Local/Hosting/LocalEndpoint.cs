using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Hosting;

/// <summary>An endpoint: its status as DescribeEndpoint reports it, and the deployment that serves its traffic.</summary>
internal sealed class LocalEndpoint(string name, string arn, DateTimeOffset creationTime)
{
    private Deployment? _active;
    private TrafficShift? _shift;

    public string Name { get; } = name;

    public string Arn { get; } = arn;

    public DateTimeOffset CreationTime { get; } = creationTime;

    /// <summary>Guards the fields below; never held while waiting.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Creating, Updating, SystemUpdating, InService, Deleting or Failed.</summary>
    public string Status { get; set; } = "Creating";

    public string ConfigName { get; set; } = "";

    public string? FailureReason { get; set; }

    public DateTimeOffset LastModifiedTime { get; set; } = creationTime;

    public JsonValue? LastDeploymentConfig { get; set; }

    public (string ConfigName, DateTimeOffset Since)? Pending { get; set; }

    /// <summary>The background create, update or restore, and how to cancel it.</summary>
    public Task Operation { get; set; } = Task.CompletedTask;

    public CancellationTokenSource? OperationCancellation { get; set; }

    /// <summary>The deployment serving traffic; swapped atomically by a blue/green update.</summary>
    public Deployment? Active => Volatile.Read(ref _active);

    /// <summary>During a canary or linear update, the new deployment and the share of requests it takes; else null.</summary>
    public TrafficShift? Shift
    {
        get => Volatile.Read(ref _shift);
        set => Volatile.Write(ref _shift, value);
    }

    /// <summary>Publishes <paramref name="deployment"/> and returns the one it replaces.</summary>
    public Deployment? Swap(Deployment? deployment) => Interlocked.Exchange(ref _active, deployment);

    /// <summary>The state that is saved (and restored after a restart).</summary>
    public JsonObject Saved()
    {
        lock (Gate)
        {
            return new JsonObjectBuilder()
                .Set("EndpointName", Name)
                .Set("EndpointArn", Arn)
                .Set("EndpointConfigName", ConfigName)
                .Set("EndpointStatus", Status)
                .SetIfNotNull("FailureReason", FailureReason is null ? null : JsonString.From(FailureReason))
                .Set("CreationTime", TimestampFormat.Iso8601.Render(CreationTime))
                .Set("LastModifiedTime", TimestampFormat.Iso8601.Render(LastModifiedTime))
                .SetIfNotNull("LastDeploymentConfig", LastDeploymentConfig)
                .Build();
        }
    }

    /// <summary>The DescribeEndpoint response.</summary>
    public JsonObject Describe(TimestampFormat format)
    {
        lock (Gate)
        {
            var description = new JsonObjectBuilder()
                .Set("EndpointName", Name)
                .Set("EndpointArn", Arn)
                .Set("EndpointConfigName", ConfigName);
            if (Active is { } active)
            {
                description.Set("ProductionVariants", JsonArray.Create(active.Variants.Select(v => (JsonValue)new JsonObjectBuilder()
                    .Set("VariantName", v.Spec.VariantName)
                    .Set("DeployedImages", JsonArray.Create(v.Images.Select(image => (JsonValue)JsonObject.Create(
                        ("SpecifiedImage", image), ("ResolvedImage", image), ("ResolutionTime", format.Render(v.StartedAt))))))
                    .Set("CurrentWeight", v.Spec.Weight)
                    .Set("DesiredWeight", v.Spec.Weight)
                    .Set("CurrentInstanceCount", v.Instances.Count)
                    .Set("DesiredInstanceCount", v.Spec.InstanceCount)
                    .Build())));
            }

            description.Set("EndpointStatus", Status);
            if (FailureReason is not null)
                description.Set("FailureReason", FailureReason);
            description.Set("CreationTime", format.Render(CreationTime)).Set("LastModifiedTime", format.Render(LastModifiedTime));
            if (LastDeploymentConfig is not null)
                description.Set("LastDeploymentConfig", LastDeploymentConfig);
            if (Pending is { } pending)
            {
                description.Set("PendingDeploymentSummary", JsonObject.Create(
                    ("EndpointConfigName", pending.ConfigName), ("StartTime", format.Render(pending.Since))));
            }

            return description.Build();
        }
    }
}
