namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>How a blue/green deployment shifts traffic; named as SageMaker spells them.</summary>
#pragma warning disable CA1707 // SageMaker's own spelling
public enum TrafficRoutingType
{
    /// <summary>All traffic at once, after the baking period.</summary>
    ALL_AT_ONCE,

    /// <summary>A canary share first, then the rest.</summary>
    CANARY,

    /// <summary>Equal steps.</summary>
    LINEAR,
}
#pragma warning restore CA1707
