namespace SageBuild.Functions.Configuration;

/// <summary>Whether a higher or a lower metric is better.</summary>
public enum GateDirection
{
    /// <summary>Higher is better (accuracy, AUC).</summary>
    Maximize,

    /// <summary>Lower is better (RMSE, loss).</summary>
    Minimize,
}
