using SageBuild.Infra.Configuration;
using SageBuild.Infra.Model;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The physical names of a stack's resources. They are fixed (not Pulumi's random suffixes) so that IAM can be scoped
/// to them before the resources exist and so two stacks never collide: <c>{project}-{stack}-...</c>. Bucket names add
/// the account and region, since S3 names are global.
/// </summary>
internal sealed class StackNames(InfraSettings settings, Reference accountId, Reference region)
{
    public string Prefix { get; } = $"{settings.Project}-{settings.Stack}";

    public string StateMachine => Prefix;

    public string Ledger => $"{Prefix}-ledger";

    public string ConfigParameter => $"/{settings.Project}/{settings.Stack}/config";

    public string WebhookSecretParameter => $"/{settings.Project}/{settings.Stack}/github-webhook-secret";

    public string StatusTopic => $"{Prefix}-status";

    public string LaunchTopic => $"{Prefix}-launch";

    public string TrainingRepository => $"{Prefix}/training";

    public string InferenceRepository => $"{Prefix}/inference";

    public string ImageBuildProject => $"{Prefix}-images";

    public string FunctionPrefix => $"{Prefix}-";

    public string Dashboard => Prefix;

    public string Role(string purpose) => $"{Prefix}-{purpose}";

    public Interpolation Bucket(string purpose) => Interpolation.Format($"{Prefix}-{purpose}-{accountId}-{region}");

    public Interpolation DataBucket => settings.DataBucketName is { } name
        ? Interpolation.Literal(name)
        : Interpolation.Format($"{settings.Project}-data-{accountId}-{region}");
}
