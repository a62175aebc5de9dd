using SageBuild.StateMachines.Tasks.SageMaker;

namespace SageBuild.Functions.Configuration;

/// <summary>Recording the endpoint's traffic (<c>hosting.dataCapture</c>).</summary>
public sealed record DataCaptureSettings
{
    /// <summary>Whether to capture.</summary>
    /// <value>Defaults to false.</value>
    public bool Enabled { get; init; }

    /// <summary>The share of requests captured.</summary>
    /// <value>Defaults to 100.</value>
    public double SamplingPercentage { get; init; } = ConfigurationDefaults.DataCaptureSamplingPercentage;

    /// <summary>Where captures go.</summary>
    /// <value>None by default: the artifacts bucket under data-capture/.</value>
    public string? Destination { get; init; }

    /// <summary>What is captured.</summary>
    /// <value>Defaults to both.</value>
    public IReadOnlyList<CaptureMode> CaptureModes { get; init; } = [CaptureMode.Input, CaptureMode.Output];
}
