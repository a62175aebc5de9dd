using SageBuild.Functions.Handlers;
using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks.Lambda;

namespace SageBuild.Functions.Pipeline;

/// <summary>How a build is reported: a notification (formatted by our handler, published to the status topic) and its ledger record.</summary>
internal sealed partial class PipelineStates
{
    /// <summary>Formats and publishes a notification of <paramref name="kind"/> ("Started", "Deployed", ...).</summary>
    public Chain Notify(string kind)
    {
        var format = Step($"Format{kind}Notification", "notification", ReportPayload(("kind", char.ToLowerInvariant(kind[0]) + kind[1..])), "$.notification", null, "subject", "summary", "message");
        return Chain.Start(format).Next(Publish($"Publish{kind}"));
    }

    /// <summary>Writes the build's ledger item with <paramref name="status"/> (and, when deployed, the production item).</summary>
    public Chain Record(string kind, string status, bool production = false)
    {
        var record = Step($"Record{kind}", "ledger-record", ReportPayload(("status", status)), "$.record", null, "item", "production");
        var chain = Chain.Start(record).Next(PutItem($"Put{kind}Record", "$.record.item", LedgerRecordFunction.BuildAttributes));
        return production ? chain.Next(PutItem("PutProductionRecord", "$.record.production", LedgerRecordFunction.ProductionAttributes)) : chain;
    }

    /// <summary>The end of a build that did not fail: record, notify, set the outcome, finish.</summary>
    public Chain Conclude(string kind, string status, string outcome) =>
        Record(kind, status).Next(Notify(kind)).Next(Outcome($"Mark{kind}", outcome)).Next(_finish);

    /// <summary>
    /// Where every task's catch-all goes: notify with the failing state and cause, record the failure (once the build
    /// has its number), and fail. Its own tasks are not guarded (a report that fails must not loop back into itself):
    /// a failure there still ends the build as failed.
    /// </summary>
    private Chain FailureReport()
    {
        var unreported = new Pass("MarkFailedUnreported", new PassOptions
        {
            Result = JsonObject.Create(("status", "FAILED"), ("summary", "The build failed, and formatting its notification failed too: see the execution's history.")),
            ResultPath = "$.outcome",
        });
        unreported.Next(_finish);
        var marked = Outcome("MarkFailed", "FAILED");
        marked.Next(_finish);

        LambdaInvoke Unguarded(LambdaInvoke task, IChainable onError)
        {
            task.AddCatch(onError, new CatcherOptions { ResultPath = JsonPath.DiscardResult });
            return task;
        }

        var format = Unguarded(new LambdaInvoke("FormatFailedNotification", new LambdaInvokeOptions
        {
            FunctionName = _o.FunctionName("notification"),
            Payload = ReportPayload(("kind", "failed")),
            ResultSelector = TaskInput.FromObject(("subject", Path("$.Payload.subject")), ("summary", Path("$.Payload.summary")), ("message", Path("$.Payload.message"))),
            ResultPath = "$.notification",
        }), unreported);
        var publish = new StateMachines.Tasks.Sns.SnsPublish("PublishFailed", new StateMachines.Tasks.Sns.SnsPublishOptions
        {
            TopicArn = _o.StatusTopicArn,
            Subject = JsonPath.StringAt("$.notification.subject"),
            Message = JsonPath.StringAt("$.notification.message"),
            ResultPath = JsonPath.DiscardResult,
        });
        publish.AddRetry(Retries.TransientAws).AddCatch(marked, new CatcherOptions { ResultPath = JsonPath.DiscardResult });
        var record = Unguarded(new LambdaInvoke("RecordFailed", new LambdaInvokeOptions
        {
            FunctionName = _o.FunctionName("ledger-record"),
            Payload = ReportPayload(("status", "FAILED")),
            ResultSelector = TaskInput.FromObject(("item", Path("$.Payload.item"))),
            ResultPath = "$.record",
        }), marked);
        var put = new StateMachines.Tasks.DynamoDb.DynamoPutItem("PutFailedRecord", new StateMachines.Tasks.DynamoDb.DynamoPutItemOptions
        {
            TableName = _o.LedgerTableName,
            Item = LedgerRecordFunction.BuildAttributes.ToDictionary(a => a, a => StateMachines.Tasks.DynamoDb.DynamoAttributeValue.FromWireValue(JsonPath.ValueAt($"$.record.item.{a}"))),
            ResultPath = JsonPath.DiscardResult,
        });
        put.AddRetry(Retries.TransientAws).AddCatch(marked, new CatcherOptions { ResultPath = JsonPath.DiscardResult });
        put.Next(marked);
        record.Next(put);
        var hasNumber = new Choice("HasBuildNumber")
            .When(Condition.IsPresent("$.build.id"), record)
            .Otherwise(marked);
        return Chain.Start(format).Next(publish).Next(hasNumber);
    }

    /// <summary>What the notification and ledger handlers get: the whole state, and when and where it happens.</summary>
    private static TaskInput ReportPayload((string Key, string Value) what) => TaskInput.FromObject(
        (what.Key, what.Value),
        ("time", JsonPath.Context.StateEnteredTime),
        ("startedAt", JsonPath.Context.ExecutionStartTime),
        ("executionArn", JsonPath.Context.ExecutionId),
        ("state", TaskInput.StateInput));
}
