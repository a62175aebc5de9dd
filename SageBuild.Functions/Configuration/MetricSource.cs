namespace SageBuild.Functions.Configuration;

/// <summary>Where the quality gate reads the candidate's metric.</summary>
public enum MetricSource
{
    /// <summary>The training job's FinalMetricDataList (metrics found in its logs).</summary>
    FinalMetrics,

    /// <summary>The evaluation JSON (<c>{"metrics": {...}}</c>) the training writes.</summary>
    EvaluationFile,
}
