namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>How a tuning job picks the next hyperparameters; named as SageMaker spells them.</summary>
public enum TuningStrategy
{
    /// <summary>Bayesian optimisation (SageMaker's default).</summary>
    Bayesian,

    /// <summary>Random search.</summary>
    Random,

    /// <summary>Hyperband, with early stopping of poor jobs.</summary>
    Hyperband,

    /// <summary>Every combination of categorical values.</summary>
    Grid,
}
