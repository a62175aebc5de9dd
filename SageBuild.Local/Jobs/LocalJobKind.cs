namespace SageBuild.Local.Jobs;

/// <summary>What kind of work a <see cref="LocalJob"/> is.</summary>
public enum LocalJobKind
{
    /// <summary>A build (codebuild:startBuild).</summary>
    Build,

    /// <summary>A training job (sagemaker:createTrainingJob).</summary>
    Training,

    /// <summary>A hyperparameter tuning job (sagemaker:createHyperParameterTuningJob).</summary>
    Tuning,

    /// <summary>An endpoint and the serving processes behind it (sagemaker:createEndpoint, updateEndpoint).</summary>
    Endpoint,
}
