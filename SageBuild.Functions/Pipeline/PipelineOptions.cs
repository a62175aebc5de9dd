using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Pipeline;

/// <summary>
/// The identities of the resources the pipeline uses, fixed when the stack is deployed (SageBuild.Infra passes its
/// placeholders such as <c>${statusTopic.arn}</c>; the local run passes local names). Everything else is read from the
/// configuration parameter when a build runs.
/// </summary>
public sealed record PipelineOptions
{
    /// <summary>The stack, such as <c>dev</c>.</summary>
    public required string Stack { get; init; }

    /// <summary>The git branch the stack builds (the image build's source version when a trigger names no commit).</summary>
    public required string Branch { get; init; }

    /// <summary>The AWS region (image URIs of built-in algorithms and frameworks depend on it).</summary>
    public required string Region { get; init; }

    /// <summary>The state machine's name.</summary>
    public required string StateMachineName { get; init; }

    /// <summary>How every SageMaker resource a build creates is named: <c>{prefix}{build}-model</c>; scopes the IAM grants.</summary>
    /// <value>Defaults to <c>sagebuild-{Stack}-</c>.</value>
    public string? NamePrefix { get; init; }

    /// <summary>The SSM parameter holding the configuration document.</summary>
    public required string ConfigParameterName { get; init; }

    /// <summary>The DynamoDB build ledger's table (partition key <c>pk</c>, a string).</summary>
    public required string LedgerTableName { get; init; }

    /// <summary>The SNS topic for build notifications.</summary>
    public required string StatusTopicArn { get; init; }

    /// <summary>The shared data bucket.</summary>
    public required string DataBucket { get; init; }

    /// <summary>The key prefix of training data, such as <c>data/</c>.</summary>
    public required string DataPrefix { get; init; }

    /// <summary>The bucket of training outputs and model artifacts.</summary>
    public required string ArtifactsBucket { get; init; }

    /// <summary>The bucket of versioned user code.</summary>
    public required string CodeBucket { get; init; }

    /// <summary>The bucket of training checkpoints.</summary>
    public required string CheckpointsBucket { get; init; }

    /// <summary>The repository URI of training images.</summary>
    public required string TrainingRepositoryUri { get; init; }

    /// <summary>The repository URI of inference images.</summary>
    public required string InferenceRepositoryUri { get; init; }

    /// <summary>The CodeBuild project that builds images.</summary>
    public required string ImageBuildProjectName { get; init; }

    /// <summary>The role training and tuning jobs run as.</summary>
    public required string TrainingRoleArn { get; init; }

    /// <summary>The role models run as.</summary>
    public required string HostingRoleArn { get; init; }

    /// <summary>The endpoint's name.</summary>
    public required string EndpointName { get; init; }

    /// <summary>The prefix of the deployed Lambda functions' names: handler <c>quality-gate</c> is <c>{prefix}quality-gate</c>.</summary>
    public required string FunctionNamePrefix { get; init; }

    /// <summary>Deploy-time overrides of the configuration, from the stack config (merged at run time, see <c>ConfigurationOverrides</c>).</summary>
    /// <value>Empty by default.</value>
    public JsonObject ConfigurationOverrides { get; init; } = JsonObject.Empty;

    /// <summary>
    /// The identities of a local deployment (the embedded engine and SageBuild.Local's backends): the local stand-in
    /// account 000000000000 in us-east-1, and names derived from <paramref name="stack"/>.
    /// </summary>
    public static PipelineOptions Local(string stack = "local")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stack);
        const string account = "000000000000";
        const string region = "us-east-1";
        var prefix = $"sagebuild-{stack}";
        return new PipelineOptions
        {
            Stack = stack,
            Branch = "main",
            Region = region,
            StateMachineName = $"{prefix}-pipeline",
            ConfigParameterName = $"/sagebuild/{stack}/config",
            LedgerTableName = $"{prefix}-ledger",
            StatusTopicArn = $"arn:aws:sns:{region}:{account}:{prefix}-status",
            DataBucket = $"{prefix}-data",
            DataPrefix = "data/",
            ArtifactsBucket = $"{prefix}-artifacts",
            CodeBucket = $"{prefix}-code",
            CheckpointsBucket = $"{prefix}-checkpoints",
            TrainingRepositoryUri = $"{account}.dkr.ecr.{region}.amazonaws.com/{prefix}-training",
            InferenceRepositoryUri = $"{account}.dkr.ecr.{region}.amazonaws.com/{prefix}-inference",
            ImageBuildProjectName = $"{prefix}-images",
            TrainingRoleArn = $"arn:aws:iam::{account}:role/{prefix}-training",
            HostingRoleArn = $"arn:aws:iam::{account}:role/{prefix}-hosting",
            EndpointName = $"{prefix}-endpoint",
            FunctionNamePrefix = $"{prefix}-",
        };
    }

    /// <summary>
    /// Reads options from their JSON document (camelCase keys, as <see cref="ToJson"/> writes them); throws a
    /// <see cref="FormatException"/> naming every missing, mistyped or unknown key.
    /// </summary>
    public static PipelineOptions FromJson(JsonValue document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return PipelineOptionsJson.Read(document);
    }

    /// <summary>The options as a JSON document: every property with a camelCase key.</summary>
    public JsonObject ToJson() => PipelineOptionsJson.Write(this);

    /// <summary>The prefix in effect.</summary>
    public string EffectiveNamePrefix => NamePrefix ?? $"sagebuild-{Stack}-";

    /// <summary>The deployed name of the handler <paramref name="handler"/>.</summary>
    public string FunctionName(string handler) => FunctionNamePrefix + handler;

    /// <summary>What the handlers are told about the deployment (the definition's <c>$.pipeline</c>).</summary>
    public JsonObject ToEnvironment() => new JsonObjectBuilder()
        .Set("stack", Stack)
        .Set("branch", Branch)
        .Set("region", Region)
        .Set("namePrefix", EffectiveNamePrefix)
        .Set("dataBucket", DataBucket)
        .Set("dataPrefix", DataPrefix)
        .Set("artifactsBucket", ArtifactsBucket)
        .Set("codeBucket", CodeBucket)
        .Set("checkpointsBucket", CheckpointsBucket)
        .Set("trainingRepositoryUri", TrainingRepositoryUri)
        .Set("inferenceRepositoryUri", InferenceRepositoryUri)
        .Set("trainingRoleArn", TrainingRoleArn)
        .Set("hostingRoleArn", HostingRoleArn)
        .Set("endpointName", EndpointName)
        .Build();
}
