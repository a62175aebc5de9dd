namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>How a training container reads a channel; named as SageMaker spells them.</summary>
public enum TrainingInputMode
{
    /// <summary>The data is copied to the instance before training starts.</summary>
    File,

    /// <summary>The data is streamed through a pipe.</summary>
    Pipe,

    /// <summary>The data is streamed from S3 and appears as files.</summary>
    FastFile,
}
