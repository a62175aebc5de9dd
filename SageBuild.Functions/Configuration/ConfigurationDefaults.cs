namespace SageBuild.Functions.Configuration;

/// <summary>The documented defaults of the configuration document, in one place (the schema publishes them).</summary>
internal static class ConfigurationDefaults
{
    public const string TrainingInstanceType = "ml.m5.large";
    public const int TrainingInstanceCount = 1;
    public const int VolumeSizeGb = 30;

    /// <summary>Two hours: long enough for the pipeline's models, short enough that a stuck job is stopped the same day.</summary>
    public const int MaxRuntimeSeconds = 7200;

    public const string HostingInstanceType = "ml.m5.large";
    public const int HostingInstanceCount = 1;
    public const string VariantName = "AllTraffic";
    public const string DefaultChannelName = "train";
    public const int TuningMaxJobs = 10;
    public const int TuningMaxParallelJobs = 2;
    public const int KeepModels = 3;
    public const int KeepEndpointConfigs = 3;
    public const int GuardrailWaitSeconds = 300;
    public const int EndpointTimeoutSeconds = 3600;
    public const int EndpointPollSeconds = 30;
    public const double DataCaptureSamplingPercentage = 100;
    public const string SmokeContentType = "application/json";
    public const string EvaluationKey = "evaluation.json";
}
