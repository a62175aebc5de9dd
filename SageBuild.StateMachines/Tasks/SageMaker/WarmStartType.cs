namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>How a tuning job builds on its parent jobs; named as SageMaker spells them.</summary>
public enum WarmStartType
{
    /// <summary>Same data and algorithm as the parents.</summary>
    IdenticalDataAndAlgorithm,

    /// <summary>Different data or algorithm.</summary>
    TransferLearning,
}
