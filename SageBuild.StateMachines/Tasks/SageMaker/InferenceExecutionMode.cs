namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>How the containers of a multi-container model run; named as SageMaker spells them.</summary>
public enum InferenceExecutionMode
{
    /// <summary>As an inference pipeline, each container's output feeding the next.</summary>
    Serial,

    /// <summary>Each container invoked directly.</summary>
    Direct,
}
