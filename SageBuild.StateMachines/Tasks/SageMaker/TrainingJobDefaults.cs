namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The documented defaults the builders fill in for training and tuning jobs instead of leaving them to AWS.</summary>
internal static class TrainingJobDefaults
{
    public const string InstanceType = "ml.m5.xlarge";
    public const double InstanceCount = 1;
    public const double VolumeSizeInGB = 10;

    /// <summary>One hour: long enough for the pipeline's models, short enough that a stuck job is stopped soon.</summary>
    public const double MaxRuntimeInSeconds = 3600;
}
