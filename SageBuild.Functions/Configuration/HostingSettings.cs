namespace SageBuild.Functions.Configuration;

/// <summary>How the model is served (<c>hosting</c>).</summary>
public sealed record HostingSettings
{
    /// <summary>The instance type.</summary>
    /// <value>Defaults to ml.m5.large.</value>
    public string InstanceType { get; init; } = ConfigurationDefaults.HostingInstanceType;

    /// <summary>How many instances.</summary>
    /// <value>Defaults to 1.</value>
    public int InstanceCount { get; init; } = ConfigurationDefaults.HostingInstanceCount;

    /// <summary>Environment variables of the inference container.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The production variants; empty means one, AllTraffic.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<VariantSettings> Variants { get; init; } = [];

    /// <summary>The containers of an inference pipeline; empty means the single inference image.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<ContainerSettings> Containers { get; init; } = [];

    /// <summary>Data capture.</summary>
    /// <value>Off by default.</value>
    public DataCaptureSettings DataCapture { get; init; } = new();

    /// <summary>The variants to deploy: the configured ones, or one AllTraffic variant.</summary>
    public IReadOnlyList<VariantSettings> EffectiveVariants => Variants.Count > 0 ? Variants : [new VariantSettings { Name = ConfigurationDefaults.VariantName }];
}
