using SageBuild.Infra.Model;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The SNS topics: status (start, success, rejection, failure), with the configured e-mail and SMS subscriptions;
/// and launch, which any system may publish to in order to start a build (as in aws-sagemaker-build). Both are
/// encrypted with the AWS-managed SNS key.
/// </summary>
internal static class Notifications
{
    public static (Resource Status, Resource Launch) Add(StackContext stack)
    {
        var status = Topic(stack, "statusTopic", stack.Names.StatusTopic, "SageBuild build status");
        for (var i = 0; i < stack.Settings.NotificationEmails.Count; i++)
            Subscribe(stack, $"statusEmail{i + 1}", status, "email", stack.Settings.NotificationEmails[i]);
        for (var i = 0; i < stack.Settings.NotificationPhones.Count; i++)
            Subscribe(stack, $"statusSms{i + 1}", status, "sms", stack.Settings.NotificationPhones[i]);
        var launch = Topic(stack, "launchTopic", stack.Names.LaunchTopic, "SageBuild launch requests");
        return (status, launch);
    }

    private static Resource Topic(StackContext stack, string name, string topicName, string displayName) =>
        stack.Add(name, AwsTypes.SnsTopic, new MapValue
        {
            ["name"] = topicName,
            ["displayName"] = displayName,
            ["kmsMasterKeyId"] = "alias/aws/sns",
            ["tags"] = stack.Tags,
        });

    private static void Subscribe(StackContext stack, string name, Resource topic, string protocol, string endpoint) =>
        stack.Add(name, AwsTypes.SnsSubscription, new MapValue
        {
            ["topic"] = topic.Output("arn"),
            ["protocol"] = protocol,
            ["endpoint"] = endpoint,
        });
}
