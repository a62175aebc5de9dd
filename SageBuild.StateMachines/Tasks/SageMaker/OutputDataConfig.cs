using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>Where a training job writes its model artifact.</summary>
public sealed record OutputDataConfig
{
    /// <summary>The S3 prefix for the artifact.</summary>
    public required Field<string> S3OutputPath { get; init; }

    /// <summary>A KMS key to encrypt the artifact with.</summary>
    /// <value>None by default: the bucket's encryption.</value>
    public Field<string>? KmsKeyId { get; init; }

    internal TaskInput ToTaskInput() => new RequestBuilder().Add("S3OutputPath", S3OutputPath).Add("KmsKeyId", KmsKeyId).Build();
}
