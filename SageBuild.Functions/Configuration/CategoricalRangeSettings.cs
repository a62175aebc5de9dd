namespace SageBuild.Functions.Configuration;

/// <summary>A hyperparameter of a tuning job chosen among values.</summary>
/// <param name="Name">The hyperparameter.</param>
/// <param name="Values">The values to try.</param>
public sealed record CategoricalRangeSettings(string Name, IReadOnlyList<string> Values);
