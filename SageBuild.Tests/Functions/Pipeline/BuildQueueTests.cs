using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Functions.Pipeline;

/// <summary>Triggers that arrive while a build runs are queued: at most one pending build, bursts coalesced, never dropped.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class BuildQueueTests
{
    [Test]
    public async Task A_trigger_during_a_build_becomes_the_pending_build_and_a_burst_coalesces_into_the_newest()
    {
        using var f = new PipelineFixture();
        f.Configure(PipelineConfigurations.Byod);
        f.Ledger.PutItem((JsonObject)JsonValue.Parse("""{"TableName": "sagebuild-dev-ledger", "Item": {"pk": {"S": "lock"}, "holder": {"S": "running-build"}}}"""));

        var (first, _) = await f.RunAsync("Queued", input: """{"source": "git", "commit": "aaaa111", "detail": "push 1"}""");
        var (second, _) = await f.RunAsync("Queued", input: """{"source": "git", "commit": "bbbb222", "detail": "push 2"}""");

        Assert.That(first.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That(second.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That(f.Attribute("lock", "holder"), Is.EqualTo("running-build"), "the running build keeps the lock");
        Assert.That(f.Attribute("lock", "pending"), Does.Contain("bbbb222"), "the newest request is the pending build");
        Assert.That(f.Attribute("lock", "coalesced"), Is.EqualTo("2"));
        Assert.That(f.Item("counter"), Is.Null, "a queued request takes no build number");
        Assert.That(f.Notifications(), Is.Empty);
    }

    [Test]
    public async Task A_finishing_build_hands_the_lock_to_the_pending_build_and_starts_it()
    {
        using var f = new PipelineFixture();
        f.Configure(PipelineConfigurations.Byod);

        // This build holds the lock (its execution name is its token) and a request arrived while it ran.
        f.Ledger.PutItem((JsonObject)JsonValue.Parse("""
            {"TableName": "sagebuild-dev-ledger", "Item": {"pk": {"S": "lock"}, "holder": {"S": "build-HandOver"},
             "pending": {"S": "{\"source\":\"git\",\"commit\":\"cccc333\",\"branch\":\"dev\",\"detail\":\"push 3\",\"requestedAt\":\"2026-11-25T10:00:00Z\"}"},
             "coalesced": {"N": "3"}}}
            """));
        var (result, history) = await f.RunAsync("HandOver");

        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That(f.Attribute("lock", "holder"), Is.EqualTo("next-build-HandOver"));
        Assert.That(f.Attribute("lock", "pending"), Is.Null);
        var start = history.SkipWhile(e => !(e.Details is SageBuild.Engine.History.StateEnteredEventDetails { Name: "StartPendingBuild" }))
            .First(e => e.Type == SageBuild.Engine.History.HistoryEventType.TaskScheduled);
        var parameters = (JsonObject)JsonValue.Parse(((JsonString)((JsonObject)SageBuild.Engine.History.HistoryJson.ToJson(start)["taskScheduledEventDetails"])["parameters"]).Value);
        Assert.That(parameters["StateMachineArn"], Is.EqualTo((JsonValue)"arn:aws:states:us-east-1:123456789012:stateMachine:sagebuild-dev-pipeline"));
        var input = parameters["Input"].ToJson();
        Assert.That(input, Does.Contain("cccc333").And.Contain("\"lockToken\":\"next-build-HandOver\""));
    }
}
