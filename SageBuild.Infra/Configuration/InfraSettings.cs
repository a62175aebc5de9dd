using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Configuration;

/// <summary>
/// One stack's settings, read from the <c>sagebuild:*</c> keys of its Pulumi config (see SageBuild.Infra/README.md
/// for every key). Secrets are not here: the printed program reads them through Pulumi, so the compiler never sees them.
/// </summary>
public sealed record InfraSettings
{
    /// <summary>The Pulumi project.</summary>
    /// <value>Defaults to <c>sagebuild</c>.</value>
    public string Project { get; init; } = InfraDefaults.Project;

    /// <summary>The stack, such as <c>dev</c> or <c>prod</c>.</summary>
    /// <value>Defaults to <c>discovery</c>: the name used when Pulumi runs the compiler only to find its plugins.</value>
    public string Stack { get; init; } = InfraDefaults.DiscoveryStack;

    /// <summary>Whether Pulumi ran the compiler without a stack (plugin discovery).</summary>
    public bool IsDiscovery { get; init; }

    /// <summary>The AWS region from <c>aws:region</c>, if set (the program itself asks the provider).</summary>
    public string? Region { get; init; }

    /// <summary>The git branch this stack builds (<c>sagebuild:branch</c>).</summary>
    /// <value>Defaults to <c>main</c>.</value>
    public string Branch { get; init; } = InfraDefaults.Branch;

    /// <summary>The training instance type (<c>sagebuild:trainingInstanceType</c>).</summary>
    /// <value>Defaults to <c>ml.m5.large</c>.</value>
    public string TrainingInstanceType { get; init; } = InfraDefaults.TrainingInstanceType;

    /// <summary>The hosting instance type (<c>sagebuild:hostingInstanceType</c>).</summary>
    /// <value>Defaults to <c>ml.m5.large</c>.</value>
    public string HostingInstanceType { get; init; } = InfraDefaults.HostingInstanceType;

    /// <summary>The CodeBuild compute type of image builds (<c>sagebuild:imageBuildComputeType</c>).</summary>
    /// <value>Defaults to <c>BUILD_GENERAL1_SMALL</c>.</value>
    public string ImageBuildComputeType { get; init; } = InfraDefaults.ImageBuildComputeType;

    /// <summary>The retraining schedule, an EventBridge expression such as <c>rate(7 days)</c> (<c>sagebuild:schedule</c>).</summary>
    /// <value>None by default: no scheduled retraining.</value>
    public string? Schedule { get; init; }

    /// <summary>E-mail addresses subscribed to the status topic (<c>sagebuild:notificationEmails</c>).</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyList<string> NotificationEmails { get; init; } = [];

    /// <summary>E.164 phone numbers subscribed to the status topic by SMS (<c>sagebuild:notificationPhones</c>).</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyList<string> NotificationPhones { get; init; } = [];

    /// <summary>Where the source lives (<c>sagebuild:repositorySource</c>: codecommit or github).</summary>
    /// <value>Defaults to CodeCommit.</value>
    public RepositorySource RepositorySource { get; init; } = RepositorySource.CodeCommit;

    /// <summary>The repository's name (<c>sagebuild:repositoryName</c>); shared by the stacks.</summary>
    /// <value>Defaults to <c>sagebuild</c>.</value>
    public string RepositoryName { get; init; } = InfraDefaults.RepositoryName;

    /// <summary>Whether this stack creates the CodeCommit repository (<c>sagebuild:createRepository</c>); the other stack uses it.</summary>
    /// <value>Defaults to true.</value>
    public bool CreateRepository { get; init; } = true;

    /// <summary>The GitHub owner (user or organisation) of the repository (<c>sagebuild:githubOwner</c>).</summary>
    /// <value>None by default; required when the source is GitHub.</value>
    public string? GitHubOwner { get; init; }

    /// <summary>The data bucket's name (<c>sagebuild:dataBucketName</c>); shared by the stacks.</summary>
    /// <value>None by default: <c>sagebuild-data-{account}-{region}</c>.</value>
    public string? DataBucketName { get; init; }

    /// <summary>Whether this stack creates the data bucket (<c>sagebuild:createDataBucket</c>) or uses an existing one.</summary>
    /// <value>Defaults to true.</value>
    public bool CreateDataBucket { get; init; } = true;

    /// <summary>The key prefix under which new data starts a build (<c>sagebuild:dataPrefix</c>).</summary>
    /// <value>Defaults to <c>data/</c>.</value>
    public string DataPrefix { get; init; } = InfraDefaults.DataPrefix;

    /// <summary>How long log groups keep events, in days (<c>sagebuild:logRetentionDays</c>).</summary>
    /// <value>Defaults to 30.</value>
    public int LogRetentionDays { get; init; } = InfraDefaults.LogRetentionDays;

    /// <summary>How long replaced versions of artifacts and code stay, in days (<c>sagebuild:artifactRetentionDays</c>).</summary>
    /// <value>Defaults to 90.</value>
    public int ArtifactRetentionDays { get; init; } = InfraDefaults.ArtifactRetentionDays;

    /// <summary>How long training checkpoints stay, in days (<c>sagebuild:checkpointRetentionDays</c>).</summary>
    /// <value>Defaults to 7.</value>
    public int CheckpointRetentionDays { get; init; } = InfraDefaults.CheckpointRetentionDays;

    /// <summary>How many build images each ECR repository keeps (<c>sagebuild:imageRetentionCount</c>).</summary>
    /// <value>Defaults to 20.</value>
    public int ImageRetentionCount { get; init; } = InfraDefaults.ImageRetentionCount;

    /// <summary>The deployment guardrail alarms (<c>sagebuild:guardrails</c>).</summary>
    /// <value>Defaults to <see cref="GuardrailSettings"/>'s defaults.</value>
    public GuardrailSettings Guardrails { get; init; } = new();

    /// <summary>The Alexa skill allowed to call the Alexa function (<c>sagebuild:alexaSkillId</c>).</summary>
    /// <value>None by default: nothing may call it.</value>
    public string? AlexaSkillId { get; init; }

    /// <summary>The SageMaker endpoint's name (<c>sagebuild:endpointName</c>).</summary>
    /// <value>None by default: <c>sagebuild-{stack}</c>.</value>
    public string? EndpointName { get; init; }

    /// <summary>Whether the shared data bucket, repository and ledger refuse deletion (<c>sagebuild:protect</c>).</summary>
    /// <value>Defaults to true.</value>
    public bool Protect { get; init; } = true;

    /// <summary>Deploy-time overrides of the pipeline configuration (<c>sagebuild:pipeline</c>, an object).</summary>
    /// <value>Empty by default.</value>
    public JsonObject PipelineOverrides { get; init; } = JsonObject.Empty;

    /// <summary>The folder or archive holding <c>dotnet publish</c>'s output of the Lambda functions, relative to the project.</summary>
    /// <value>Defaults to <c>./artifacts/functions</c>.</value>
    public string FunctionsPackage { get; init; } = InfraDefaults.FunctionsPackage;

    /// <summary>The endpoint's name: <see cref="EndpointName"/> or <c>sagebuild-{stack}</c>.</summary>
    public string EffectiveEndpointName => EndpointName ?? $"{Project}-{Stack}";
}
