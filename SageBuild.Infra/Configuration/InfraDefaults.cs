namespace SageBuild.Infra.Configuration;

/// <summary>The defaults of every stack setting, in one place.</summary>
internal static class InfraDefaults
{
    public const string Project = "sagebuild";
    public const string DiscoveryStack = "discovery";
    public const string Branch = "main";
    public const string TrainingInstanceType = "ml.m5.large";
    public const string HostingInstanceType = "ml.m5.large";
    public const string ImageBuildComputeType = "BUILD_GENERAL1_SMALL";
    public const string RepositoryName = "sagebuild";
    public const string DataPrefix = "data/";
    public const int LogRetentionDays = 30;
    public const int ArtifactRetentionDays = 90;
    public const int CheckpointRetentionDays = 7;
    public const int ImageRetentionCount = 20;
    public const int GuardrailServerErrorThreshold = 1;
    public const int GuardrailLatencyP99Milliseconds = 1000;
    public const int GuardrailEvaluationMinutes = 2;
    public const string FunctionsPackage = "./artifacts/functions";

    /// <summary>The longest prefix of the pipeline's SageMaker names (<c>{project}-{stack}-</c>): the pipeline's own limit.</summary>
    public const int MaxNamePrefixLength = 20;

    /// <summary>The retention periods CloudWatch Logs accepts, in days.</summary>
    public static readonly int[] LogRetentionChoices = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
}
