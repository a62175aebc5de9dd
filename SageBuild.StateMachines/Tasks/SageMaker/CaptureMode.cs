namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>What data capture records.</summary>
public enum CaptureMode
{
    /// <summary>The requests.</summary>
    Input,

    /// <summary>The responses.</summary>
    Output,
}
