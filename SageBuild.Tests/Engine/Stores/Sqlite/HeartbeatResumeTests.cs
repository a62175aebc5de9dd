using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// A <c>.waitForTaskToken</c> task's HeartbeatSeconds across a restart, on a real SQLite file and two engines one after
/// the other: the resumed wait counts from the task's last heartbeat (kept by the token store), or from its recorded
/// start when it sent none, never from the resume; on the real clock and on the virtual one.
/// </summary>
public sealed class HeartbeatResumeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // The definitions' HeartbeatSeconds. The heartbeat comes HeartbeatAfter the task started and the engine goes down
    // DownAfter later, so that its start plus HeartbeatSeconds (2 s early), the heartbeat plus HeartbeatSeconds (expected)
    // and the resume plus HeartbeatSeconds (at least 1 s late) are far enough apart to tell.
    private const int HeartbeatSeconds = 4;
    private static readonly TimeSpan HeartbeatAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DownAfter = TimeSpan.FromSeconds(1);

    private const string Asks = """
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","TimeoutSeconds":60,"HeartbeatSeconds":4,
          "Parameters":{"FunctionName":"ask","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
        """;

    // An hour's Wait first: on the virtual clock it passes at once and the execution's time runs an hour ahead.
    private const string WaitsThenAsks = """
        {"StartAt":"Later","States":{
          "Later":{"Type":"Wait","Seconds":3600,"Next":"Ask"},
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","TimeoutSeconds":60,"HeartbeatSeconds":4,
            "Parameters":{"FunctionName":"ask","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
        """;

    private string? _token;
    private DateTimeOffset _askedAt;

    [SetUp]
    public void Forget() => _token = null;

    [Test]
    public async Task A_resumed_task_times_out_HeartbeatSeconds_after_its_last_heartbeat_before_the_restart()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var (history, beatAfterStart) = await HeartbeatThenRestartAsync(database, Asks, ExecutionClock.Real);
        AssertHeartbeatTimeoutAt(history, beatAfterStart + TimeSpan.FromSeconds(HeartbeatSeconds));
        Assert.That(HeartbeatRows(database), Is.Zero, "the retired token's heartbeat is forgotten");
    }

    [Test]
    public async Task A_resumed_task_times_out_HeartbeatSeconds_after_its_last_heartbeat_before_the_restart_on_the_virtual_clock()
    {
        using var folder = new TemporaryDirectory();
        var (history, beatAfterStart) = await HeartbeatThenRestartAsync(folder.File("sagebuild.db"), WaitsThenAsks, ExecutionClock.Virtual);
        AssertHeartbeatTimeoutAt(history, beatAfterStart + TimeSpan.FromSeconds(HeartbeatSeconds));
        var waited = history.Single(e => e.Type == HistoryEventType.WaitStateExited).Timestamp - history.Single(e => e.Type == HistoryEventType.WaitStateEntered).Timestamp;
        Assert.That(waited, Is.EqualTo(TimeSpan.FromHours(1)).Within(TimeSpan.FromSeconds(1)), "the virtual Wait's hour stays in the timestamps");
    }

    [Test]
    public async Task A_resumed_task_that_sent_no_heartbeat_times_out_HeartbeatSeconds_after_its_recorded_start()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        string arn;
        await using (var first = Engine(database))
        {
            arn = await StartAsync(first, Asks, ExecutionClock.Real);
            await Task.Delay(HeartbeatAfter + DownAfter);
        }

        var history = await ResumeToTheEndAsync(database, arn);
        AssertHeartbeatTimeoutAt(history, TimeSpan.FromSeconds(HeartbeatSeconds));
    }

    /// <summary>
    /// Starts the definition, sends one heartbeat <see cref="HeartbeatAfter"/> the task started, disposes the engine
    /// <see cref="DownAfter"/> later, resumes on a new one, and returns the ended execution's history and when (after
    /// the task's start, by the test's watch) the heartbeat was sent.
    /// </summary>
    private async Task<(IReadOnlyList<HistoryEvent> History, TimeSpan BeatAfterStart)> HeartbeatThenRestartAsync(string database, string definition, ExecutionClock clock)
    {
        string arn;
        TimeSpan beatAfterStart;
        await using (var first = Engine(database))
        {
            arn = await StartAsync(first, definition, clock);
            var untilHeartbeat = _askedAt + HeartbeatAfter - DateTimeOffset.UtcNow;
            if (untilHeartbeat > TimeSpan.Zero)
                await Task.Delay(untilHeartbeat);
            beatAfterStart = DateTimeOffset.UtcNow - _askedAt;
            await first.SendTaskHeartbeatAsync(_token!);
            await Task.Delay(DownAfter);
            Assert.That(HeartbeatRows(database), Is.EqualTo(1), "the waiting task's heartbeat is stored");
        }

        return (await ResumeToTheEndAsync(database, arn), beatAfterStart);
    }

    // The task's wait ended by a missed heartbeat, at its recorded TaskStarted plus the expected time (a little more:
    // the heartbeat's call and the timer; never before it). A count from the resume would be at least DownAfter late.
    private static void AssertHeartbeatTimeoutAt(IReadOnlyList<HistoryEvent> history, TimeSpan afterStart)
    {
        var started = history.Single(e => e.Type == HistoryEventType.TaskStarted);
        var timedOut = history.Single(e => e.Type == HistoryEventType.TaskTimedOut);
        Assert.That(((ErrorEventDetails)timedOut.Details!).Error, Is.EqualTo("States.HeartbeatTimeout"));
        Assert.That((timedOut.Timestamp - started.Timestamp - afterStart).TotalSeconds, Is.InRange(-0.1, 0.85),
            $"the task times out {afterStart.TotalSeconds:0.00} s after its recorded start: its last heartbeat (or start) plus HeartbeatSeconds, not the resume's");
        Assert.That(history.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, history.Count).Select(i => (long)i)), "event ids are 1..n, none repeated or lost");
    }

    private async Task<string> StartAsync(WorkflowEngine engine, string definition, ExecutionClock clock)
    {
        var machine = engine.CreateStateMachine("Beats", AslJson.Parse(definition));
        var arn = (await engine.StartExecutionAsync(machine.StateMachineArn, options: new StartExecutionOptions { Clock = clock })).ExecutionArn;
        var watch = Stopwatch.StartNew();
        while (_token is null || !(await engine.GetExecutionHistoryAsync(arn)).Any(e => e.Type == HistoryEventType.TaskSubmitted))
        {
            if (watch.Elapsed > Patience)
                Assert.Fail($"{arn} did not hand out its token within {Patience}");
            await Task.Delay(10);
        }

        return arn;
    }

    private async Task<IReadOnlyList<HistoryEvent>> ResumeToTheEndAsync(string database, string arn)
    {
        await using var second = Engine(database);
        await second.ResumeAsync();
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        Assert.That((result.Status, result.Error), Is.EqualTo((ExecutionStatus.FAILED, (string?)"States.HeartbeatTimeout")));
        return await second.GetExecutionHistoryAsync(arn);
    }

    private WorkflowEngine Engine(string database) => new EngineBuilder()
        .UseSqlite(database)
        .AddLambdaFunction("ask", (payload, _) =>
        {
            // The wall time the task was called at: its TaskStarted (on the execution's clock) is a moment before.
            _askedAt = DateTimeOffset.UtcNow;
            _token = ((JsonString)((JsonObject)payload)["token"]).Value;
            return ValueTask.FromResult<JsonValue>(JsonNull.Instance);
        })
        .Build();

    private static long HeartbeatRows(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM task_heartbeats";
        return (long)count.ExecuteScalar()!;
    }
}
