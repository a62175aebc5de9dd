using SageBuild.Local.Training;

namespace SageBuild.Local.Tuning;

/// <summary>One training job of a tuning job: the hyperparameters it tried and the job that tried them.</summary>
internal sealed record TuningTrial(string TrainingJobName, IReadOnlyList<KeyValuePair<string, string>> TunedHyperParameters)
{
    public RunningTrainingJob? Job { get; set; }

    /// <summary>Set when the job could not even be created (a bad request).</summary>
    public string? CreationFailure { get; set; }
}
