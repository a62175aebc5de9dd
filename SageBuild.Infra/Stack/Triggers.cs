using SageBuild.Infra.Configuration;
using SageBuild.Infra.Model;
using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Stack;

/// <summary>
/// What starts a build. Every trigger reaches the trigger-normalising function, which turns it into one build
/// request and queues and coalesces it (so a trigger that arrives during a build is never dropped): the launch topic,
/// an EventBridge rule for a CodeCommit push to this stack's branch, one for a new object under the data prefix, and
/// one for the configured schedule. With a GitHub source, a function URL takes GitHub's signed push webhooks.
/// </summary>
internal static class Triggers
{
    public static void Add(StackContext stack, StackFunction trigger, Resource launchTopic, SourceRepository source, StackBucket data)
    {
        var settings = stack.Settings;
        stack.Add("launchSubscription", AwsTypes.SnsSubscription, new MapValue
        {
            ["topic"] = launchTopic.Output("arn"),
            ["protocol"] = "lambda",
            ["endpoint"] = trigger.Function.Output("arn"),
        });
        Allow(stack, "launchInvokePermission", trigger, "sns.amazonaws.com", launchTopic.Output("arn"));

        if (source.Source == RepositorySource.CodeCommit)
        {
            // Only this stack's branch: dev builds the dev branch, prod builds master.
            var pattern = JsonObject.Create(
                ("source", JsonArray.Create(["aws.codecommit"])),
                ("detail-type", JsonArray.Create(["CodeCommit Repository State Change"])),
                ("resources", JsonArray.Create([StackContext.Placeholder(source.Arn!)])),
                ("detail", JsonObject.Create(
                    ("event", JsonArray.Create(["referenceCreated", "referenceUpdated"])),
                    ("referenceType", JsonArray.Create(["branch"])),
                    ("referenceName", JsonArray.Create([settings.Branch])))));
            Rule(stack, "codeCommitPushRule", "codecommit-push", $"Starts a build on a push to {settings.Branch}", trigger, pattern, null);
        }

        var dataPattern = JsonObject.Create(
            ("source", JsonArray.Create(["aws.s3"])),
            ("detail-type", JsonArray.Create(["Object Created"])),
            ("detail", JsonObject.Create(
                ("bucket", JsonObject.Create(("name", JsonArray.Create([StackContext.Placeholder(data.Name)])))),
                ("object", JsonObject.Create(("key", JsonArray.Create([JsonObject.Create(("prefix", settings.DataPrefix))])))))));
        Rule(stack, "dataCreatedRule", "data-created", $"Starts a build when new data arrives under {settings.DataPrefix}", trigger, dataPattern, null);

        if (settings.Schedule is { } schedule)
            Rule(stack, "scheduleRule", "schedule", $"Retrains on the schedule {schedule}", trigger, null, schedule);
    }

    /// <summary>The GitHub push webhook: a public function URL whose handler verifies X-Hub-Signature-256 and refuses anything else.</summary>
    public static Resource AddWebhook(StackContext stack, StackFunction webhook)
    {
        var url = stack.Add("webhookUrl", AwsTypes.LambdaFunctionUrl, new MapValue
        {
            ["functionName"] = webhook.Function.Output("name"),
            // GitHub can't sign AWS requests, so the URL is public and the handler authenticates every call by its HMAC.
            ["authorizationType"] = "NONE",
        });
        stack.Add("webhookUrlPermission", AwsTypes.LambdaPermission, new MapValue
        {
            ["function"] = webhook.Function.Output("name"),
            ["action"] = "lambda:InvokeFunctionUrl",
            ["principal"] = "*",
            ["functionUrlAuthType"] = "NONE",
        });
        stack.Add("webhookInvokePermission", AwsTypes.LambdaPermission, new MapValue
        {
            ["function"] = webhook.Function.Output("name"),
            ["action"] = "lambda:InvokeFunction",
            ["principal"] = "*",
            ["invokedViaFunctionUrl"] = true,
        });
        return url;
    }

    private static void Rule(StackContext stack, string logical, string purpose, string description, StackFunction trigger, JsonObject? pattern, string? schedule)
    {
        var rule = stack.Add(logical, AwsTypes.EventRule, new MapValue
        {
            ["name"] = $"{stack.Names.Prefix}-{purpose}",
            ["description"] = description,
            ["eventPattern"] = pattern is null ? null : FunctionCall.ToJson(stack.Json(pattern)),
            ["scheduleExpression"] = schedule is null ? null : PropertyValue.Text(schedule),
            ["tags"] = stack.Tags,
        });
        stack.Add(logical + "Target", AwsTypes.EventTarget, new MapValue
        {
            ["rule"] = rule.Output("name"),
            ["arn"] = trigger.Function.Output("arn"),
            ["retryPolicy"] = new MapValue { ["maximumEventAgeInSeconds"] = 3600, ["maximumRetryAttempts"] = 24 },
        });
        Allow(stack, logical + "Permission", trigger, "events.amazonaws.com", rule.Output("arn"));
    }

    private static void Allow(StackContext stack, string logical, StackFunction function, string principal, Reference sourceArn) =>
        stack.Add(logical, AwsTypes.LambdaPermission, new MapValue
        {
            ["function"] = function.Function.Output("name"),
            ["action"] = "lambda:InvokeFunction",
            ["principal"] = principal,
            ["sourceArn"] = sourceArn,
        });
}
