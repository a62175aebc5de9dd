namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>How a numeric range is searched; named as SageMaker spells them.</summary>
public enum HyperParameterScalingType
{
    /// <summary>SageMaker chooses.</summary>
    Auto,

    /// <summary>A linear scale.</summary>
    Linear,

    /// <summary>A logarithmic scale.</summary>
    Logarithmic,

    /// <summary>A reverse logarithmic scale (continuous ranges in [0, 1)).</summary>
    ReverseLogarithmic,
}
