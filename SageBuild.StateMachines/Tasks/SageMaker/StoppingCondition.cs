using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>When SageMaker stops a training job.</summary>
public sealed record StoppingCondition
{
    /// <summary>The longest the job may train, in seconds.</summary>
    /// <value>Defaults to 3600 (one hour), rather than SageMaker's one day, so a stuck job costs little.</value>
    public Field<double> MaxRuntimeInSeconds { get; init; } = TrainingJobDefaults.MaxRuntimeInSeconds;

    /// <summary>The longest a managed spot job may wait and train, in seconds.</summary>
    /// <value>None by default.</value>
    public Field<double>? MaxWaitTimeInSeconds { get; init; }

    internal TaskInput ToTaskInput() => new RequestBuilder().Add("MaxRuntimeInSeconds", MaxRuntimeInSeconds).Add("MaxWaitTimeInSeconds", MaxWaitTimeInSeconds).Build();
}
