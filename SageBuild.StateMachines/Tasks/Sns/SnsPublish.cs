using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.Sns;

/// <summary>Publishes a message to an SNS topic (<c>arn:aws:states:::sns:publish</c>).</summary>
public sealed class SnsPublish : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse, IntegrationPattern.WaitForTaskToken];
    private readonly SnsPublishOptions _options;

    /// <summary>A task named <paramref name="name"/> that publishes to the topic in <paramref name="options"/>.</summary>
    public SnsPublish(string name, SnsPublishOptions options)
        : base(name, options, Supported, IntegrationArn.For("sns", "publish", options?.IntegrationPattern ?? default), RequestOf(options!)) => _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(SnsPublishOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RequestBuilder()
            .Add("TopicArn", options.TopicArn)
            .Add("Message", options.Message)
            .Add("Subject", options.Subject)
            .Add("MessageStructure", options.MessageStructure)
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements()
    {
        // A topic that comes from the input can be any topic of the account and region.
        var topic = _options.TopicArn;
        yield return PolicyStatement.Allow(topic.IsDynamic ? Arn.SnsTopic("*") : topic.Value!, "sns:Publish");
    }
}
