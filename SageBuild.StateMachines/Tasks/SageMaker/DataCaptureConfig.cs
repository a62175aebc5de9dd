using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>Records an endpoint's requests and responses to S3.</summary>
public sealed record DataCaptureConfig
{
    /// <summary>The S3 URI the captures go to.</summary>
    public required Field<string> DestinationS3Uri { get; init; }

    /// <summary>The share of requests captured, 0 to 100.</summary>
    /// <value>Defaults to 100.</value>
    public Field<double> InitialSamplingPercentage { get; init; } = 100;

    /// <summary>What is captured.</summary>
    /// <value>Defaults to both Input and Output.</value>
    public IReadOnlyList<CaptureMode> CaptureModes { get; init; } = [CaptureMode.Input, CaptureMode.Output];

    /// <summary>A KMS key for the captures.</summary>
    /// <value>None by default.</value>
    public Field<string>? KmsKeyId { get; init; }

    internal TaskInput ToTaskInput() => new RequestBuilder()
        .Add("EnableCapture", (bool?)true)
        .Add("InitialSamplingPercentage", InitialSamplingPercentage)
        .Add("DestinationS3Uri", DestinationS3Uri)
        .Add("KmsKeyId", KmsKeyId)
        .AddList("CaptureOptions", CaptureModes, m => TaskInput.FromObject(("CaptureMode", m.ToString())))
        .Build();
}
