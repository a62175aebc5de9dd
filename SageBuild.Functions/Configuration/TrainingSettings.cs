using SageBuild.StateMachines.Tasks.SageMaker;

namespace SageBuild.Functions.Configuration;

/// <summary>How models are trained (<c>training</c>).</summary>
public sealed record TrainingSettings
{
    /// <summary>The instance type.</summary>
    /// <value>Defaults to ml.m5.large.</value>
    public string InstanceType { get; init; } = ConfigurationDefaults.TrainingInstanceType;

    /// <summary>How many instances.</summary>
    /// <value>Defaults to 1.</value>
    public int InstanceCount { get; init; } = ConfigurationDefaults.TrainingInstanceCount;

    /// <summary>The volume of each instance, in GB.</summary>
    /// <value>Defaults to 30.</value>
    public int VolumeSizeGb { get; init; } = ConfigurationDefaults.VolumeSizeGb;

    /// <summary>The longest a job may run, in seconds.</summary>
    /// <value>Defaults to 7200.</value>
    public int MaxRuntimeSeconds { get; init; } = ConfigurationDefaults.MaxRuntimeSeconds;

    /// <summary>Hyperparameters, as the strings SageMaker passes.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string> Hyperparameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The input channels; empty means the default channel.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<ChannelSettings> Channels { get; init; } = [];

    /// <summary>The metrics read from the logs.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<MetricDefinition> MetricDefinitions { get; init; } = [];

    /// <summary>Environment variables of the training container.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
