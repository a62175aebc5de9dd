namespace SageBuild.Local.Hosting;

/// <summary>One production variant of an endpoint configuration.</summary>
internal sealed record VariantSpec(string VariantName, string ModelName, int InstanceCount, double Weight, string? InstanceType, TimeSpan? StartupTimeout);
