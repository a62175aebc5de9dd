using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The training algorithm: an image (your own or a built-in algorithm's) or a marketplace algorithm name.</summary>
public sealed record AlgorithmSpecification
{
    /// <summary>The training image URI. Exactly one of this and <see cref="AlgorithmName"/>.</summary>
    /// <value>None by default.</value>
    public Field<string>? TrainingImage { get; init; }

    /// <summary>An algorithm resource's name or ARN. Exactly one of this and <see cref="TrainingImage"/>.</summary>
    /// <value>None by default.</value>
    public Field<string>? AlgorithmName { get; init; }

    /// <summary>How the container reads its channels.</summary>
    /// <value>Defaults to File.</value>
    public TrainingInputMode TrainingInputMode { get; init; } = TrainingInputMode.File;

    /// <summary>The metrics to read from the logs (for your own images; built-in algorithms define theirs).</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<MetricDefinition>? MetricDefinitions { get; init; }

    internal TaskInput ToTaskInput(string owner)
    {
        if (TrainingImage is null == AlgorithmName is null)
            throw new ArgumentException($"the AlgorithmSpecification of '{owner}' needs exactly one of TrainingImage and AlgorithmName");
        return new RequestBuilder()
            .Add("TrainingImage", TrainingImage)
            .Add("AlgorithmName", AlgorithmName)
            .Add("TrainingInputMode", TrainingInputMode.ToString())
            .AddList("MetricDefinitions", MetricDefinitions, m => TaskInput.FromObject(("Name", m.Name), ("Regex", m.Regex)))
            .Build();
    }
}
