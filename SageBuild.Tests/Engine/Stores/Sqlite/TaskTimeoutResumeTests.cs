using System.Diagnostics;
using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// A task's TimeoutSeconds across a restart on a real SQLite file: the resumed task times out at its recorded start
/// plus TimeoutSeconds, not TimeoutSeconds after the resume; on the real clock and on the virtual one.
/// </summary>
public sealed class TaskTimeoutResumeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // The definitions' TimeoutSeconds: long enough for a restart to fit in it twice over, short enough for a quick test.
    private const int TimeoutSeconds = 3;
    private static readonly TimeSpan DownAfter = TimeSpan.FromSeconds(1.5);

    [Test]
    public async Task Times_out_a_resumed_task_token_wait_at_its_original_deadline()
    {
        const string definition = """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","TimeoutSeconds":3,
              "Parameters":{"FunctionName":"ask","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
            """;
        var history = await RunAcrossARestartAsync(definition, HistoryEventType.TaskSubmitted, ExecutionClock.Real);
        AssertTimedOutAtTheDeadline(history, HistoryEventType.TaskStarted, HistoryEventType.TaskTimedOut);
    }

    [Test]
    public async Task Times_out_a_task_called_again_after_a_restart_at_its_original_deadline()
    {
        // The call's result was not recorded: the task is called again (at least once), within what is left of its time.
        const string definition = """
            {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:hang","TimeoutSeconds":3,"End":true}}}
            """;
        var history = await RunAcrossARestartAsync(definition, HistoryEventType.LambdaFunctionStarted, ExecutionClock.Real);
        AssertTimedOutAtTheDeadline(history, HistoryEventType.LambdaFunctionStarted, HistoryEventType.LambdaFunctionTimedOut);
    }

    [Test]
    public async Task Times_out_a_resumed_task_token_wait_at_its_original_deadline_on_the_virtual_clock()
    {
        // The hour's Wait passes at once on the virtual clock; the resumed run goes on at the time its replay reached,
        // plus the time the engine was down, so the task's deadline still falls TimeoutSeconds after its start.
        const string definition = """
            {"StartAt":"Later","States":{
              "Later":{"Type":"Wait","Seconds":3600,"Next":"Ask"},
              "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","TimeoutSeconds":3,
                "Parameters":{"FunctionName":"ask","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
            """;
        var history = await RunAcrossARestartAsync(definition, HistoryEventType.TaskSubmitted, ExecutionClock.Virtual);
        AssertTimedOutAtTheDeadline(history, HistoryEventType.TaskStarted, HistoryEventType.TaskTimedOut);
        var waited = history.Single(e => e.Type == HistoryEventType.WaitStateExited).Timestamp - history.Single(e => e.Type == HistoryEventType.WaitStateEntered).Timestamp;
        Assert.That(waited, Is.EqualTo(TimeSpan.FromHours(1)).Within(TimeSpan.FromSeconds(1)), "the virtual Wait's hour stays in the timestamps");
    }

    /// <summary>
    /// Starts the definition on a durable engine, lets <see cref="DownAfter"/> pass once <paramref name="reached"/> is
    /// recorded, disposes the engine, resumes on a new one and returns the ended execution's history. Nobody answers.
    /// </summary>
    private static async Task<IReadOnlyList<HistoryEvent>> RunAcrossARestartAsync(string definition, HistoryEventType reached, ExecutionClock clock)
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        string arn;
        await using (var first = Engine(database))
        {
            var machine = first.CreateStateMachine("Timer", AslJson.Parse(definition));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn, options: new StartExecutionOptions { Clock = clock })).ExecutionArn;
            await RecordedHistory.UntilRecordedAsync(first, arn, reached);
            await Task.Delay(DownAfter);
        }

        await using var second = Engine(database);
        var sinceResume = Stopwatch.StartNew();
        await second.ResumeAsync();
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        var elapsed = sinceResume.Elapsed;
        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.FAILED));
        if (result.Error == "States.Timeout")
        {
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(TimeoutSeconds) - DownAfter + TimeSpan.FromSeconds(1)),
                "the resumed task waits what was left of its TimeoutSeconds, not all of it again");
        }

        return await second.GetExecutionHistoryAsync(arn);
    }

    private static void AssertTimedOutAtTheDeadline(IReadOnlyList<HistoryEvent> history, HistoryEventType startedType, HistoryEventType timedOutType)
    {
        var started = history.Single(e => e.Type == startedType);
        var timedOut = history.Single(e => e.Type == timedOutType);
        Assert.That(((ErrorEventDetails)timedOut.Details!).Error, Is.EqualTo("States.Timeout"));
        Assert.That((timedOut.Timestamp - started.Timestamp).TotalSeconds, Is.InRange(TimeoutSeconds - 0.05, TimeoutSeconds + 0.75),
            "the task times out at its recorded start plus TimeoutSeconds");
        Assert.That(history.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, history.Count).Select(i => (long)i)), "event ids are 1..n, none repeated or lost");
    }

    private static WorkflowEngine Engine(string database) => new EngineBuilder()
        .UseSqlite(database)
        .AddLambdaFunction("ask", (_, _) => ValueTask.FromResult(JsonValue.Null))
        .AddLambdaFunction("hang", async (_, cancellation) =>
        {
            await Task.Delay(Timeout.Infinite, cancellation);
            return JsonValue.Null;
        })
        .Build();
}
