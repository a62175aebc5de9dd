using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Tasks.DynamoDb;
using SageBuild.StateMachines.Tasks.StepFunctions;

namespace SageBuild.Functions.Pipeline;

/// <summary>
/// One build at a time, with at most one pending: the ledger's <c>lock</c> item names the build that holds it. A build
/// that finds it held stores its request as the lock's <c>pending</c> request (a newer one replaces it: bursts
/// coalesce) and ends as Queued. A finishing build either releases the lock (nothing pending) or hands it over to the
/// pending request, which it starts as a new execution with the lock's new token; every step is one conditional
/// update of the one item, so no request is lost and no two builds run at once.
/// </summary>
internal sealed partial class PipelineStates
{
    /// <summary>Takes the lock, or queues the build and ends; <paramref name="then"/> runs when the lock is held.</summary>
    public Chain AcquireBuildLock(IChainable then)
    {
        var queued = new Succeed("Queued", new StateOptions { Comment = "Another build runs; this request is its pending build" });
        var acquire = new DynamoUpdateItem("AcquireBuildLock", new DynamoUpdateItemOptions
        {
            TableName = _o.LedgerTableName,
            Key = Key("lock"),
            UpdateExpression = "SET holder = :me, since = :now, execution = :execution",
            ConditionExpression = "attribute_not_exists(holder) OR holder = :me",
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.trigger.lockToken")),
                [":now"] = DynamoAttributeValue.FromString(JsonPath.Context.StateEnteredTime),
                [":execution"] = DynamoAttributeValue.FromString(JsonPath.Context.ExecutionId),
            },
            ResultPath = JsonPath.DiscardResult,
            Comment = "Held by this build, or handed over to it by the build before",
        });
        var queue = Guarded(new DynamoUpdateItem("QueueBuild", new DynamoUpdateItemOptions
        {
            TableName = _o.LedgerTableName,
            Key = Key("lock"),
            UpdateExpression = "SET pending = :request, pendingSince = :now ADD coalesced :one",
            ConditionExpression = "attribute_exists(holder)",
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":request"] = DynamoAttributeValue.FromString(JsonPath.JsonToString("$.trigger.request")),
                [":now"] = DynamoAttributeValue.FromString(JsonPath.Context.StateEnteredTime),
                [":one"] = DynamoAttributeValue.FromNumber(1),
            },
            ResultPath = JsonPath.DiscardResult,
            Comment = "Another build runs: this request becomes its pending build, replacing an older pending one",
        }), (ConditionalCheckFailed, acquire, null));   // the lock was released meanwhile: take it after all
        Guarded(acquire, (ConditionalCheckFailed, queue, null));
        queue.Next(queued);
        return Chain.Start(acquire).Next(then);
    }

    /// <summary>Releases or hands over the lock, then ends the execution as the outcome says.</summary>
    /// <summary>The shared end of every build: release or hand over the lock, then succeed or fail.</summary>
    public StateNode FinishState => _finish;

    private Chain FinishBuild()
    {
        var failed = new Fail("BuildFailed", new FailOptions { Error = "SageBuild.BuildFailed", Cause = JsonPath.StringAt("$.outcome.summary") });
        var finished = new Succeed("BuildFinished");
        var outcome = new Choice("BuildOutcome")
            .When(Condition.StringEquals("$.outcome.status", "FAILED"), failed)
            .Otherwise(finished);

        var start = new StepFunctionsStartExecution("StartPendingBuild", new StepFunctionsStartExecutionOptions
        {
            // IAM is granted on this state machine's own ARN (by name, so the role does not depend on the machine); the
            // request names the running machine from the context, which is the same ARN without a reference cycle.
            StateMachineArn = Arn.StateMachine(_o.StateMachineName),
            AdditionalParameters = TaskInput.FromObject(("StateMachineArn", JsonPath.Context.StateMachineId)),
            Input = TaskInput.FromObject(("request", Path("$.handover.request")), ("lockToken", JsonPath.Format("next-{}", "$$.Execution.Name"))),
            ResultPath = JsonPath.DiscardResult,
            Comment = "The pending build, which now holds the lock",
        });
        start.AddRetry(Retries.TransientAws).AddCatch(outcome, new CatcherOptions { ResultPath = "$.failed.StartPendingBuild" });
        var handOver = new DynamoUpdateItem("HandOverBuildLock", new DynamoUpdateItemOptions
        {
            TableName = _o.LedgerTableName,
            Key = Key("lock"),
            UpdateExpression = "SET holder = :next, since = :now REMOVE pending, pendingSince, coalesced",
            ConditionExpression = "holder = :me AND attribute_exists(pending)",
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.trigger.lockToken")),
                [":next"] = DynamoAttributeValue.FromString(JsonPath.Format("next-{}", "$$.Execution.Name")),
                [":now"] = DynamoAttributeValue.FromString(JsonPath.Context.StateEnteredTime),
            },
            ReturnValues = DynamoReturnValues.ALL_OLD,
            ResultSelector = TaskInput.FromObject(("request", JsonPath.StringToJson("$.Attributes.pending.S"))),
            ResultPath = "$.handover",
        });
        handOver.AddRetry(Retries.TransientAws).AddCatch(outcome, new CatcherOptions { ResultPath = JsonPath.DiscardResult });
        handOver.Next(start).Next(outcome);
        var release = new DynamoUpdateItem("ReleaseBuildLock", new DynamoUpdateItemOptions
        {
            TableName = _o.LedgerTableName,
            Key = Key("lock"),
            UpdateExpression = "REMOVE holder, since, execution",
            ConditionExpression = "holder = :me AND attribute_not_exists(pending)",
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue> { [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.trigger.lockToken")) },
            ResultPath = JsonPath.DiscardResult,
        });
        release.AddRetry(Retries.TransientAws)
            .AddCatch(handOver, new CatcherOptions { ErrorEquals = [ConditionalCheckFailed], ResultPath = JsonPath.DiscardResult })
            .AddCatch(outcome, new CatcherOptions { ResultPath = JsonPath.DiscardResult });
        release.Next(outcome);
        return Chain.Start(new Choice("HoldsBuildLock")
            .When(Condition.IsPresent("$.trigger.lockToken"), release)
            .Otherwise(outcome));
    }
}
