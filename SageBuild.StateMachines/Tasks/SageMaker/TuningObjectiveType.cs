namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>Whether the objective metric should grow or shrink.</summary>
public enum TuningObjectiveType
{
    /// <summary>Higher is better.</summary>
    Maximize,

    /// <summary>Lower is better.</summary>
    Minimize,
}
