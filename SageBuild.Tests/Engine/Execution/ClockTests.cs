using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Execution;

public sealed class ClockTests
{
    [Test]
    public async Task On_the_virtual_clock_an_hour_long_Wait_ends_at_once_but_its_timestamps_are_an_hour_apart()
    {
        var started = DateTimeOffset.UtcNow;
        var (result, history) = await EngineHarness.RunAsync("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");
        var entered = history.Single(e => e.Type == HistoryEventType.WaitStateEntered).Timestamp;
        var exited = history.Single(e => e.Type == HistoryEventType.WaitStateExited).Timestamp;
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
            Assert.That(exited - entered, Is.GreaterThanOrEqualTo(TimeSpan.FromHours(1)));
            Assert.That(result.StopDate!.Value - started, Is.GreaterThanOrEqualTo(TimeSpan.FromHours(1)));
        });
    }

    [Test]
    public async Task A_Wait_until_a_timestamp_waits_until_then()
    {
        var (_, history) = await EngineHarness.RunAsync("""{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2099-01-01T00:00:00Z","End":true}}}""");
        Assert.That(history.Single(e => e.Type == HistoryEventType.WaitStateExited).Timestamp, Is.GreaterThanOrEqualTo(DateTimeOffset.Parse("2099-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task The_top_level_TimeoutSeconds_times_the_execution_out()
    {
        var (result, history) = await EngineHarness.RunAsync("""{"TimeoutSeconds":10,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}""");
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ExecutionStatus.TIMED_OUT));
            Assert.That(history[^1].Type, Is.EqualTo(HistoryEventType.ExecutionTimedOut));
            Assert.That(history[^1].Timestamp - history[0].Timestamp, Is.EqualTo(TimeSpan.FromSeconds(10)).Within(TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public async Task StopExecution_aborts_a_running_execution_with_the_given_error()
    {
        await using var engine = new EngineBuilder().Build();
        var machine = engine.CreateStateMachine("Sleeper", AslJson.Parse("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}"""));
        var started = await engine.StartExecutionAsync(machine.StateMachineArn, options: new StartExecutionOptions { Name = "nap" });
        while ((await engine.GetExecutionHistoryAsync(started.ExecutionArn)).Count < 2)
            await Task.Delay(5);
        await engine.StopExecutionAsync(started.ExecutionArn, "User.Cancelled", "no longer needed");
        var stopped = await engine.DescribeExecutionAsync(started.ExecutionArn);
        var history = await engine.GetExecutionHistoryAsync(started.ExecutionArn);
        Assert.Multiple(() =>
        {
            Assert.That(stopped.Status, Is.EqualTo(ExecutionStatus.ABORTED));
            Assert.That((stopped.Error, stopped.Cause), Is.EqualTo(("User.Cancelled", "no longer needed")));
            Assert.That(history[^1].Type, Is.EqualTo(HistoryEventType.ExecutionAborted));
            Assert.That(started.ExecutionArn, Is.EqualTo("arn:aws:states:us-east-1:123456789012:execution:Sleeper:nap"));
        });
    }

    [Test]
    public async Task Many_executions_run_at_once_in_one_engine()
    {
        await using var engine = new EngineBuilder { Options = new EngineOptions { DefaultClock = ExecutionClock.Virtual } }.Build();
        var machine = engine.CreateStateMachine("Many", AslJson.Parse("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"P"},"P":{"Type":"Pass","Result":"done","End":true}}}"""));
        var started = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => engine.StartExecutionAsync(machine.StateMachineArn, options: new StartExecutionOptions { Name = $"run-{i}" })));
        var results = await Task.WhenAll(started.Select(s => engine.WaitForExecutionAsync(s.ExecutionArn)));
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Status), Is.All.EqualTo(ExecutionStatus.SUCCEEDED));
            Assert.That(results.Select(r => r.Output), Is.All.EqualTo(JsonValue.FromString("done")));
        });
    }
}
