using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Stores;

public sealed class InMemoryExecutionStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_repeated_or_skipped_event_id_is_refused_rather_than_stored_twice()
    {
        var store = new InMemoryExecutionStore();
        await store.CreateExecutionAsync(new ExecutionRecord("arn:e", "arn:sm", "e", "{}", ExecutionStatus.RUNNING, At, JsonObject.Empty), default);
        var first = new HistoryEvent(1, 0, At, HistoryEventType.ExecutionStarted, null);
        await store.AppendAsync("arn:e", [first], null, default);
        Assert.Multiple(() =>
        {
            Assert.That(async () => await store.AppendAsync("arn:e", [first], null, default), Throws.InvalidOperationException);
            Assert.That(async () => await store.AppendAsync("arn:e", [first with { Id = 3 }], null, default), Throws.InvalidOperationException);
            Assert.That(async () => await store.CreateExecutionAsync(new ExecutionRecord("arn:e", "arn:sm", "e", "{}", ExecutionStatus.RUNNING, At, JsonObject.Empty), default), Throws.InvalidOperationException);
        });
    }
}
