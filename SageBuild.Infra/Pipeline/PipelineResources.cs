using SageBuild.Functions.Pipeline;

namespace SageBuild.Infra.Pipeline;

/// <summary>
/// The identities of a stack's resources, as the pipeline's definition and IAM statements use them. In the printed
/// program most are placeholders such as <c>${statusTopic.arn}</c>; ARNs may also hold the builders' ArnContext
/// tokens (<c>${AWS::Region}</c>). The pipeline's own identities are its <see cref="PipelineOptions"/>; beside them stands
/// what only the stack needs (the launch topic, the alarms, the instance types, the webhook's secret).
/// </summary>
public sealed record PipelineResources
{
    /// <summary>
    /// What the pipeline itself is told: its names, buckets, repositories, roles and endpoint, and the stack's raw
    /// configuration overrides (<c>sagebuild:pipeline</c>), which <see cref="FunctionsPipeline.Options"/> merges with
    /// the stack's instance types.
    /// </summary>
    public required PipelineOptions Pipeline { get; init; }

    /// <summary>The state machine's ARN, for handlers that start or stop executions.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>The SNS topic any system may publish to in order to start a build.</summary>
    public required string LaunchTopicArn { get; init; }

    /// <summary>The prefix of the guardrail alarms' names; see <see cref="GuardrailAlarmNames"/>.</summary>
    public required string GuardrailAlarmPrefix { get; init; }

    /// <summary>The stack's training instance type.</summary>
    public required string TrainingInstanceType { get; init; }

    /// <summary>The stack's hosting instance type.</summary>
    public required string HostingInstanceType { get; init; }

    /// <summary>The SecureString parameter with the GitHub webhook's secret; null when the stack has no GitHub webhook.</summary>
    public string? GitHubWebhookSecretParameter { get; init; }

    /// <summary>
    /// The CloudWatch alarms that roll a blue/green deployment of <paramref name="variant"/> back
    /// (AutoRollbackConfiguration): its server errors and its p99 model latency.
    /// </summary>
    public IReadOnlyList<string> GuardrailAlarmNames(string variant) =>
        [$"{GuardrailAlarmPrefix}{variant}-server-errors", $"{GuardrailAlarmPrefix}{variant}-latency-p99"];

    /// <summary>The deployed name of the handler <paramref name="handler"/>.</summary>
    public string FunctionName(string handler) => Pipeline.FunctionName(handler);
}
