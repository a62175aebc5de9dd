namespace SageBuild.Functions.Configuration;

/// <summary>One production variant (<c>hosting.variants[i]</c>).</summary>
public sealed record VariantSettings
{
    /// <summary>The variant's name.</summary>
    public required string Name { get; init; }

    /// <summary>The variant's relative share of the traffic.</summary>
    /// <value>Defaults to 1.</value>
    public double Weight { get; init; } = 1;

    /// <summary>The instance type.</summary>
    /// <value>None by default: hosting.instanceType.</value>
    public string? InstanceType { get; init; }

    /// <summary>The instance count.</summary>
    /// <value>None by default: hosting.instanceCount.</value>
    public int? InstanceCount { get; init; }
}
