using SageBuild.StateMachines.Tasks.SageMaker;

namespace SageBuild.Functions.Configuration;

/// <summary>A numeric hyperparameter range of a tuning job.</summary>
/// <param name="Name">The hyperparameter.</param>
/// <param name="Min">The lower bound.</param>
/// <param name="Max">The upper bound.</param>
/// <param name="Scaling">How the range is searched.</param>
public sealed record ParameterRangeSettings(string Name, double Min, double Max, HyperParameterScalingType Scaling = HyperParameterScalingType.Auto);
