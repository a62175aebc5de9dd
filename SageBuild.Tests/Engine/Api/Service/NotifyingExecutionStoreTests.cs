using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Dashboard;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Api.Service;

/// <summary>The engine's own change feed, as `sagebuild serve` gives it to the dashboard.</summary>
public sealed class NotifyingExecutionStoreTests
{
    [Test]
    public async Task Announces_each_stored_step_of_an_execution_and_nothing_after_unsubscribing()
    {
        var store = new NotifyingExecutionStore(new InMemoryExecutionStore());
        await using var engine = new EngineBuilder().UseStore(store).Build();
        var machine = engine.CreateStateMachine("M", AslJson.Parse("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}"""));
        var seen = new Changes();
        var subscription = store.Subscribe(seen);

        var first = await engine.ExecuteAsync(machine.StateMachineArn);
        subscription.Dispose();
        await engine.ExecuteAsync(machine.StateMachineArn);

        Assert.That(seen.All.Select(c => c.ExecutionArn).Distinct(), Is.EqualTo(new[] { first.ExecutionArn }), "only the execution run while subscribed");
        Assert.That(seen.All, Has.Count.GreaterThanOrEqualTo(3), "its start, its steps and its end");
        Assert.That(seen.All.Select(c => c.StateMachineArn), Has.All.EqualTo(machine.StateMachineArn));
    }

    private sealed class Changes : IObserver<ExecutionChange>
    {
        private readonly Lock _gate = new();
        private readonly List<ExecutionChange> _all = [];

        public List<ExecutionChange> All
        {
            get
            {
                lock (_gate)
                    return [.. _all];
            }
        }

        public void OnNext(ExecutionChange value)
        {
            lock (_gate)
                _all.Add(value);
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
