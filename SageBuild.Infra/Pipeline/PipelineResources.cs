using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Pipeline;

/// <summary>
/// The identities of a stack's resources, as the pipeline's definition and IAM statements use them. In the printed
/// program most are placeholders such as <c>${statusTopic.arn}</c>; ARNs may also hold the builders' ArnContext
/// tokens (<c>${AWS::Region}</c>). <see cref="FunctionsPipeline.Options"/> turns them into the pipeline's
/// <c>PipelineOptions</c>, plus what only the stack needs (the launch topic, the alarms, the webhook's secret).
/// </summary>
public sealed record PipelineResources
{
    /// <summary>The stack, such as <c>dev</c>.</summary>
    public required string Stack { get; init; }

    /// <summary>The git branch the stack builds.</summary>
    public required string Branch { get; init; }

    /// <summary>The region (the stack passes the <c>${AWS::Region}</c> token, which the program reads from the provider).</summary>
    public required string Region { get; init; }

    /// <summary>How the SageMaker resources of a build are named (<c>{prefix}{build}-model</c>), such as <c>sagebuild-dev-</c>.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>The state machine's name (its executions are <c>execution:{name}:*</c>).</summary>
    public required string StateMachineName { get; init; }

    /// <summary>The state machine's ARN, for handlers that start or stop executions.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>The SSM parameter holding the configuration document.</summary>
    public required string ConfigParameterName { get; init; }

    /// <summary>The DynamoDB build ledger's table name.</summary>
    public required string LedgerTableName { get; init; }

    /// <summary>The SNS topic for build status notifications.</summary>
    public required string StatusTopicArn { get; init; }

    /// <summary>The SNS topic any system may publish to in order to start a build.</summary>
    public required string LaunchTopicArn { get; init; }

    /// <summary>The shared data bucket.</summary>
    public required string DataBucket { get; init; }

    /// <summary>The key prefix of training data in <see cref="DataBucket"/>, such as <c>data/</c>.</summary>
    public required string DataPrefix { get; init; }

    /// <summary>The bucket of training outputs and model artifacts.</summary>
    public required string ArtifactsBucket { get; init; }

    /// <summary>The bucket of versioned user code (<c>versions/{training,inference}/v&lt;n&gt;.tar.gz</c>).</summary>
    public required string CodeBucket { get; init; }

    /// <summary>The bucket of training checkpoints.</summary>
    public required string CheckpointsBucket { get; init; }

    /// <summary>The ECR repository URI of training images.</summary>
    public required string TrainingRepositoryUri { get; init; }

    /// <summary>The ECR repository URI of inference images.</summary>
    public required string InferenceRepositoryUri { get; init; }

    /// <summary>The CodeBuild project that builds images (codebuild:startBuild, pinned to a commit).</summary>
    public required string ImageBuildProjectName { get; init; }

    /// <summary>The role SageMaker training and tuning jobs run as.</summary>
    public required string TrainingRoleArn { get; init; }

    /// <summary>The role SageMaker models (hosting) run as.</summary>
    public required string HostingRoleArn { get; init; }

    /// <summary>The SageMaker endpoint's name.</summary>
    public required string EndpointName { get; init; }

    /// <summary>The prefix of the guardrail alarms' names; see <see cref="GuardrailAlarmNames"/>.</summary>
    public required string GuardrailAlarmPrefix { get; init; }

    /// <summary>The prefix of the deployed Lambda functions' names: handler <c>gate</c> is <c>{prefix}gate</c>.</summary>
    public required string FunctionNamePrefix { get; init; }

    /// <summary>The stack's training instance type.</summary>
    public required string TrainingInstanceType { get; init; }

    /// <summary>The stack's hosting instance type.</summary>
    public required string HostingInstanceType { get; init; }

    /// <summary>Deploy-time overrides of the pipeline configuration, from the stack config (<c>sagebuild:pipeline</c>).</summary>
    public JsonObject ConfigurationOverrides { get; init; } = JsonObject.Empty;

    /// <summary>The SecureString parameter with the GitHub webhook's secret; null when the stack has no GitHub webhook.</summary>
    public string? GitHubWebhookSecretParameter { get; init; }

    /// <summary>
    /// The CloudWatch alarms that roll a blue/green deployment of <paramref name="variant"/> back
    /// (AutoRollbackConfiguration): its server errors and its p99 model latency.
    /// </summary>
    public IReadOnlyList<string> GuardrailAlarmNames(string variant) =>
        [$"{GuardrailAlarmPrefix}{variant}-server-errors", $"{GuardrailAlarmPrefix}{variant}-latency-p99"];

    /// <summary>The deployed name of the handler <paramref name="handler"/>.</summary>
    public string FunctionName(string handler) => FunctionNamePrefix + handler;
}
