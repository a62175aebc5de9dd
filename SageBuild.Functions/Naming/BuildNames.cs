namespace SageBuild.Functions.Naming;

/// <summary>The SageMaker resource names of one build; each starts with <see cref="Prefix"/>.</summary>
/// <param name="Prefix">The stack's prefix.</param>
/// <param name="TrainingJob">The training job.</param>
/// <param name="TuningJob">The tuning job (at most 32 characters).</param>
/// <param name="Model">The model.</param>
/// <param name="EndpointConfig">The endpoint config.</param>
public sealed record BuildNames(string Prefix, string TrainingJob, string TuningJob, string Model, string EndpointConfig)
{
    /// <summary><paramref name="name"/> without the prefix: the part the definition appends to its literal prefix.</summary>
    public string Suffix(string name) => name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : throw new ArgumentException($"'{name}' does not start with '{Prefix}'", nameof(name));
}
