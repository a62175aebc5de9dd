using System.Collections.Concurrent;
using System.Diagnostics;
using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// Late callbacks across a restart, on a real SQLite file and two engines one after the other: a token whose task had
/// been answered, had timed out, or whose execution had been stopped is still TaskTimedOut for the second engine, as
/// AWS answers it; a token never handed out is TaskDoesNotExist.
/// </summary>
public sealed class DurableTaskTokenTests
{
    private const string TimedOut = "Task Timed Out: 'Provided task does not exist anymore'";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // A callback task (the lambda hands its token out); "TimeoutSeconds" comes from the input, so one machine serves all cases.
    private const string Definition = """
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters":{"FunctionName":"ask","Payload":{"case.$":"$.case","token.$":"$$.Task.Token"}},
          "TimeoutSecondsPath":"$.timeout","End":true}}}
        """;

    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    [SetUp]
    public void ForgetTokens() => _tokens.Clear();

    [Test]
    public async Task TaskTokens_answered_timed_out_or_stopped_before_a_restart_are_TaskTimedOut_after_it()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        await using (var first = Engine(database))
        {
            var machine = first.CreateStateMachine("Asker", AslJson.Parse(Definition)).StateMachineArn;
            var answered = await StartAsync(first, machine, "answered", timeout: 600);
            var stopped = await StartAsync(first, machine, "stopped", timeout: 600);
            var timedOut = await StartAsync(first, machine, "timed-out", timeout: 1);
            await UntilHandedOutAsync("answered", "stopped", "timed-out");

            await first.SendTaskSuccessAsync(_tokens["answered"], JsonValue.Parse("""{"ok":true}"""));
            await first.StopExecutionAsync(stopped);
            var ends = new[]
            {
                await first.WaitForExecutionAsync(answered).WaitAsync(Patience),
                await first.WaitForExecutionAsync(stopped).WaitAsync(Patience),
                await first.WaitForExecutionAsync(timedOut).WaitAsync(Patience),
            };
            Assert.That(ends.Select(e => (e.Status, e.Error)), Is.EqualTo(new[]
            {
                (ExecutionStatus.SUCCEEDED, (string?)null), (ExecutionStatus.ABORTED, null), (ExecutionStatus.FAILED, "States.Timeout"),
            }));
        }

        await using var second = Engine(database);
        await second.ResumeAsync();
        Assert.Multiple(() =>
        {
            foreach (var (name, token) in _tokens)
            {
                Assert.That(Refusal(() => second.SendTaskSuccessAsync(token, JsonObject.Empty)), Is.EqualTo($"TaskTimedOut: {TimedOut}"), $"success for the {name} task's token");
                Assert.That(Refusal(() => second.SendTaskFailureAsync(token, "E", "c")), Is.EqualTo($"TaskTimedOut: {TimedOut}"), $"failure for the {name} task's token");
                Assert.That(Refusal(() => second.SendTaskHeartbeatAsync(token)), Is.EqualTo($"TaskTimedOut: {TimedOut}"), $"heartbeat for the {name} task's token");
            }

            Assert.That(Refusal(() => second.SendTaskSuccessAsync("never-handed-out", JsonObject.Empty)), Does.StartWith("TaskDoesNotExist: "));
            Assert.That(Refusal(() => second.SendTaskHeartbeatAsync(Convert.ToBase64String(new byte[32]))), Does.StartWith("TaskDoesNotExist: "));
        });
    }

    [Test]
    public async Task A_TaskToken_still_waited_for_at_a_restart_is_not_retired_and_its_retirement_after_it_is_remembered()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        string execution;
        await using (var first = Engine(database))
        {
            var machine = first.CreateStateMachine("Asker", AslJson.Parse(Definition)).StateMachineArn;
            execution = await StartAsync(first, machine, "waiting", timeout: 600);
            await UntilHandedOutAsync("waiting");
            await RecordedHistory.UntilRecordedAsync(first, execution, HistoryEventType.TaskSubmitted);
        }

        var token = _tokens["waiting"];
        await using (var second = Engine(database))
        {
            await second.ResumeAsync();
            // The resumed run waits for the same token: accepted (never TaskTimedOut), once its replay reaches the task.
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await second.SendTaskSuccessAsync(token, JsonValue.Parse("""{"late":"but in time"}"""));
                    break;
                }
                catch (StepFunctionsException e) when (e.Code == "TaskDoesNotExist" && clock.Elapsed < Patience)
                {
                    await Task.Delay(20);
                }
            }

            Assert.That((await second.WaitForExecutionAsync(execution).WaitAsync(Patience)).Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        }

        await using var third = Engine(database);
        Assert.That(Refusal(() => third.SendTaskSuccessAsync(token, JsonObject.Empty)), Is.EqualTo($"TaskTimedOut: {TimedOut}"));
    }

    [Test]
    public async Task A_redriven_task_gets_a_new_TaskToken_the_failed_attempts_stays_TaskTimedOut_and_a_restart_waits_for_the_new_one()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        string execution, failedAttempt, redrivenAttempt;
        await using (var first = Engine(database))
        {
            var machine = first.CreateStateMachine("Asker", AslJson.Parse(Definition)).StateMachineArn;
            execution = await StartAsync(first, machine, "redriven", timeout: 600);
            await UntilHandedOutAsync("redriven");
            failedAttempt = _tokens["redriven"];
            _tokens.Clear();
            await first.SendTaskFailureAsync(failedAttempt, "Reviewer.Rejected", "try again");
            Assert.That((await first.WaitForExecutionAsync(execution).WaitAsync(Patience)).Status, Is.EqualTo(ExecutionStatus.FAILED));
            await first.RedriveExecutionAsync(execution);
            await UntilHandedOutAsync("redriven");
            redrivenAttempt = _tokens["redriven"];
            await RecordedHistory.UntilRecordedAsync(first, execution, HistoryEventType.TaskSubmitted, count: 2);
            Assert.That(redrivenAttempt, Is.Not.EqualTo(failedAttempt), "a new token for the redriven attempt");
            Assert.That(Refusal(() => first.SendTaskSuccessAsync(failedAttempt, JsonObject.Empty)), Is.EqualTo($"TaskTimedOut: {TimedOut}"));
        }

        // The redriven attempt was waiting when the engine stopped: the next one waits for the same (new) token.
        await using var second = Engine(database);
        await second.ResumeAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await second.SendTaskSuccessAsync(redrivenAttempt, JsonValue.Parse("""{"approved":true}"""));
                break;
            }
            catch (StepFunctionsException e) when (e.Code == "TaskDoesNotExist" && clock.Elapsed < Patience)
            {
                await Task.Delay(20);
            }
        }

        var ended = await second.WaitForExecutionAsync(execution).WaitAsync(Patience);
        Assert.Multiple(() =>
        {
            Assert.That((ended.Status, ended.Output), Is.EqualTo((ExecutionStatus.SUCCEEDED, JsonValue.Parse("""{"approved":true}"""))));
            Assert.That(Refusal(() => second.SendTaskSuccessAsync(failedAttempt, JsonObject.Empty)), Is.EqualTo($"TaskTimedOut: {TimedOut}"));
        });
    }

    [Test]
    public async Task SendTaskSuccess_returns_once_the_answer_is_durable()
    {
        using var folder = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("sagebuild.db"), AppliesInBackground = false };
        var store = new BarrierWatch(new SqliteExecutionStore(options));
        await using var engine = Engine(new EngineBuilder().UseDurableStores(store, new SqliteStateMachineStore(options)));
        var machine = engine.CreateStateMachine("AskThenLoop", AslJson.Parse(AskThenLoop)).StateMachineArn;
        var execution = await StartAsync(engine, machine, "answered", timeout: 600);
        await UntilHandedOutAsync("answered");

        await engine.SendTaskSuccessAsync(_tokens["answered"], JsonValue.Parse("""{"ok":true}"""));
        Assert.That(store.SucceededIsDurable, Is.True, "the barrier had the TaskSucceeded event before the answer was acknowledged");
        Assert.That((await engine.WaitForExecutionAsync(execution).WaitAsync(Patience)).Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
    }

    /// <summary>The SQLite store, watched: whether a barrier has completed since a TaskSucceeded event was handed over.</summary>
    private sealed class BarrierWatch(SqliteExecutionStore inner) : IExecutionStore, IAsyncDisposable
    {
        private volatile bool _succeededHandedOver;

        public bool SucceededIsDurable { get; private set; }

        public ValueTask CreateExecutionAsync(ExecutionRecord record, CancellationToken cancellationToken) => inner.CreateExecutionAsync(record, cancellationToken);

        public ValueTask AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? record, CancellationToken cancellationToken)
        {
            if (events.Any(e => e.Type == HistoryEventType.TaskSucceeded))
                _succeededHandedOver = true;
            return inner.AppendAsync(executionArn, events, record, cancellationToken);
        }

        public async ValueTask EnsureStoredAsync(CancellationToken cancellationToken)
        {
            var handedOver = _succeededHandedOver;
            await inner.EnsureStoredAsync(cancellationToken);
            SucceededIsDurable |= handedOver;
        }

        public ValueTask<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken cancellationToken) => inner.GetExecutionAsync(executionArn, cancellationToken);

        public ValueTask<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken) => inner.ReadHistoryAsync(executionArn, cancellationToken);

        public ValueTask<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, CancellationToken cancellationToken) => inner.ListExecutionsAsync(stateMachineArn, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    // The callback task, then 5,000 loop rounds with nothing to make durable: without the wait in SendTaskSuccess, no
    // barrier (and, with no background logging, nothing else) would take the answer for as long as the loop runs.
    private const string AskThenLoop = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters":{"FunctionName":"ask","Payload":{"case.$":"$.case","token.$":"$$.Task.Token"}},"ResultPath":null,"Next":"Count"},
          "Count":{"Type":"Pass","Parameters":{"i":0},"Next":"Check"},
          "Check":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThan":5000,"Next":"Add"}],"Default":"Done"},
          "Add":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)"},"Next":"Check"},
          "Done":{"Type":"Succeed"}}}
        """;

    private WorkflowEngine Engine(string database) => Engine(new EngineBuilder().UseSqlite(database));

    private WorkflowEngine Engine(EngineBuilder builder) => builder
        .AddLambdaFunction("ask", (payload, _) =>
        {
            var fields = (JsonObject)payload;
            _tokens[((JsonString)fields["case"]).Value] = ((JsonString)fields["token"]).Value;
            return ValueTask.FromResult<JsonValue>(JsonNull.Instance);
        })
        .Build();

    private static async Task<string> StartAsync(WorkflowEngine engine, string machine, string name, int timeout) =>
        (await engine.StartExecutionAsync(machine, JsonObject.Create(("case", name), ("timeout", timeout)), new StartExecutionOptions { Name = name })).ExecutionArn;

    private async Task UntilHandedOutAsync(params string[] cases)
    {
        var clock = Stopwatch.StartNew();
        while (!cases.All(_tokens.ContainsKey))
        {
            if (clock.Elapsed > Patience)
                Assert.Fail($"the tasks {string.Join(", ", cases)} did not all hand their token out within {Patience}");
            await Task.Delay(10);
        }
    }

    private static string Refusal(Func<Task> callback)
    {
        var e = Assert.ThrowsAsync<StepFunctionsException>(() => callback())!;
        return $"{e.Code}: {e.Message}";
    }
}
