namespace SageBuild.Engine.Jsonata;

/// <summary>What an evaluation may use and how far it may go.</summary>
internal sealed record JsonataEvaluationSettings(TimeProvider Clock, Random? Random, Func<Random>? RandomSource, int MaxDepth, TimeSpan? Timeout);
