using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The instances a training job runs on.</summary>
public sealed record ResourceConfig
{
    /// <summary>The instance type, such as <c>ml.m5.xlarge</c>.</summary>
    /// <value>Defaults to <c>ml.m5.xlarge</c>.</value>
    public Field<string> InstanceType { get; init; } = TrainingJobDefaults.InstanceType;

    /// <summary>The number of instances.</summary>
    /// <value>Defaults to 1.</value>
    public Field<double> InstanceCount { get; init; } = TrainingJobDefaults.InstanceCount;

    /// <summary>The storage volume per instance, in GB.</summary>
    /// <value>Defaults to 10.</value>
    public Field<double> VolumeSizeInGB { get; init; } = TrainingJobDefaults.VolumeSizeInGB;

    /// <summary>A KMS key for the storage volume.</summary>
    /// <value>None by default.</value>
    public Field<string>? VolumeKmsKeyId { get; init; }

    internal TaskInput ToTaskInput() => new RequestBuilder()
        .Add("InstanceType", InstanceType)
        .Add("InstanceCount", InstanceCount)
        .Add("VolumeSizeInGB", VolumeSizeInGB)
        .Add("VolumeKmsKeyId", VolumeKmsKeyId)
        .Build();
}
