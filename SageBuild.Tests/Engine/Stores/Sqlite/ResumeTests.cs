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
/// Simulated restarts on a real SQLite file: an engine is disposed mid-execution (over durable stores it leaves its
/// executions RUNNING and records nothing more), and a new engine on the same file resumes them.
/// </summary>
public sealed class ResumeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static WorkflowEngine Engine(string database, Action<EngineBuilder>? configure = null)
    {
        var builder = new EngineBuilder().UseSqlite(database);
        configure?.Invoke(builder);
        return builder.Build();
    }

    private static void AssertIdsRunOneByOne(IReadOnlyList<HistoryEvent> history) =>
        Assert.That(history.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, history.Count).Select(i => (long)i)), "event ids are 1..n, none repeated or lost");

    [Test]
    public async Task Resumes_a_wait_with_the_time_left()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        const string definition = """
            {"StartAt":"Before","States":{
              "Before":{"Type":"Pass","Next":"Nap"},
              "Nap":{"Type":"Wait","Seconds":2,"Next":"After"},
              "After":{"Type":"Pass","Result":"done","End":true}}}
            """;
        string arn;
        await using (var first = Engine(database))
        {
            var machine = first.CreateStateMachine("Napper", AslJson.Parse(definition));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn, JsonValue.Parse("""{"x":1}"""))).ExecutionArn;
            await RecordedHistory.UntilRecordedAsync(first, arn, HistoryEventType.WaitStateEntered);
            await Task.Delay(700);
        }

        await using var second = Engine(database);
        Assert.That((await second.DescribeExecutionAsync(arn)).Status, Is.EqualTo(ExecutionStatus.RUNNING));
        var resumedAt = Stopwatch.StartNew();
        Assert.That(await second.ResumeAsync(), Is.EqualTo(new[] { arn }));
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("\"done\"")));
        Assert.That(resumedAt.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.9)), "only the time left of the wait is waited");
        var history = await second.GetExecutionHistoryAsync(arn);
        Assert.That(EngineHarness.Types(history), Is.EqualTo(
            "ExecutionStarted,PassStateEntered,PassStateExited,WaitStateEntered,WaitStateExited,PassStateEntered,PassStateExited,ExecutionSucceeded"));
        AssertIdsRunOneByOne(history);
        var waited = history[4].Timestamp - history[3].Timestamp;
        Assert.That(waited.TotalSeconds, Is.InRange(1.95, 3.0), "the wait fires at its entered time plus its seconds");
    }

    [Test]
    public async Task Runs_a_task_again_whose_result_was_not_recorded()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        const string definition = """
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true}}}
            """;
        var calls = 0;
        string arn;
        await using (var first = Engine(database, b => b.AddLambdaFunction("work", async (_, cancellation) =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(Timeout.Infinite, cancellation);
            return JsonValue.Null;
        })))
        {
            var machine = first.CreateStateMachine("Worker", AslJson.Parse(definition));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn)).ExecutionArn;
            await RecordedHistory.UntilRecordedAsync(first, arn, HistoryEventType.LambdaFunctionStarted);
        }

        await using var second = Engine(database, b => b.AddLambdaFunction("work", (_, _) => ValueTask.FromResult(JsonValue.Parse($$"""{"calls":{{Interlocked.Increment(ref calls)}}}"""))));
        await second.ResumeAsync();
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"calls":2}""")), "at least once: the call whose result was not recorded is made again");
        var history = await second.GetExecutionHistoryAsync(arn);
        Assert.That(EngineHarness.Types(history), Is.EqualTo(
            "ExecutionStarted,TaskStateEntered,LambdaFunctionScheduled,LambdaFunctionStarted,LambdaFunctionSucceeded,TaskStateExited,ExecutionSucceeded"));
        AssertIdsRunOneByOne(history);
    }

    [Test]
    public async Task Resumes_map_iterations_and_parallel_branches_without_running_finished_work_again()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        const string definition = """
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Parallel","Next":"Done","Branches":[
                {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,"ItemProcessor":{"StartAt":"Work","States":{
                  "Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:times10","Next":"Rest"},
                  "Rest":{"Type":"Wait","Seconds":2,"End":true}}}}}},
                {"StartAt":"Quick","States":{"Quick":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:times10","End":true,"Parameters":{"n.$":"$.items[0]"}}}}]},
              "Done":{"Type":"Pass","End":true}}}
            """;
        var input = JsonValue.Parse("""{"items":[1,2,3]}""");
        var calls = new ConcurrentBag<string>();
        LambdaTimes10 times10 = (payload, _) =>
        {
            calls.Add(payload.ToJson());
            var n = payload is JsonObject o ? ((JsonNumber)o["n"]).Value : ((JsonNumber)payload).Value;
            return ValueTask.FromResult<JsonValue>(n * 10);
        };

        var (expected, expectedHistory) = await EngineHarness.RunAsync(definition, input.ToJson(), b => b.AddLambdaFunction("times10", new(times10)));
        calls.Clear();

        string arn;
        await using (var first = Engine(database, b => b.AddLambdaFunction("times10", new(times10))))
        {
            var machine = first.CreateStateMachine("Fanner", AslJson.Parse(definition));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn, input)).ExecutionArn;
            await RecordedHistory.UntilRecordedAsync(first, arn, HistoryEventType.WaitStateEntered, count: 3);
            await RecordedHistory.UntilRecordedAsync(first, arn, HistoryEventType.LambdaFunctionSucceeded, count: 4);
        }

        Assert.That(calls, Has.Count.EqualTo(4));
        await using var second = Engine(database, b => b.AddLambdaFunction("times10", new(times10)));
        await second.ResumeAsync();
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That(result.Output, Is.EqualTo(expected.Output), "the same output as an uninterrupted run");
        Assert.That(calls, Has.Count.EqualTo(4), "no task whose result was recorded is called again");
        var history = await second.GetExecutionHistoryAsync(arn);
        Assert.That(history.Select(e => e.Type.ToString()).Order(), Is.EqualTo(expectedHistory.Select(e => e.Type.ToString()).Order()));
        AssertIdsRunOneByOne(history);
    }

    [Test]
    public async Task Resumes_a_distributed_map_whose_unfinished_children_run_again()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        const string definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Nap","States":{
                "Nap":{"Type":"Wait","Seconds":1,"Next":"Double"},
                "Double":{"Type":"Pass","Parameters":{"twice.$":"States.MathAdd($, $)"},"End":true}}}}}}
            """;
        var input = JsonValue.Parse("""{"items":[1,2,3]}""");
        var (expected, _) = await EngineHarness.RunAsync(definition, input.ToJson());
        string arn;
        await using (var first = Engine(database))
        {
            var machine = first.CreateStateMachine("Distributor", AslJson.Parse(definition));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn, input)).ExecutionArn;
            await RecordedHistory.UntilRecordedAsync(first, arn, HistoryEventType.MapRunStarted);
            await Task.Delay(300);
        }

        await using var second = Engine(database);
        await second.ResumeAsync();
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        Assert.That((result.Status, result.Error, result.Cause), Is.EqualTo((ExecutionStatus.SUCCEEDED, (string?)null, (string?)null)));
        Assert.That(result.Output, Is.EqualTo(expected.Output));
        AssertIdsRunOneByOne(await second.GetExecutionHistoryAsync(arn));
    }

    [Test]
    public async Task Waits_again_for_the_token_a_task_had_handed_out()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        const string definition = """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"ask","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
            """;
        var tokens = new ConcurrentQueue<string>();
        LambdaTimes10 ask = (payload, _) =>
        {
            tokens.Enqueue(((JsonString)((JsonObject)payload)["token"]).Value);
            return ValueTask.FromResult(JsonValue.Null);
        };
        string arn;
        await using (var first = Engine(database, b => b.AddLambdaFunction("ask", new(ask))))
        {
            var machine = first.CreateStateMachine("Asker", AslJson.Parse(definition));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn)).ExecutionArn;
            await RecordedHistory.UntilRecordedAsync(first, arn, HistoryEventType.TaskSubmitted);
        }

        await using var second = Engine(database, b => b.AddLambdaFunction("ask", new(ask)));
        await second.ResumeAsync();
        Assert.That(tokens, Has.Count.EqualTo(1));
        var token = tokens.Single();
        await RetryUntilAcceptedAsync(() => second.SendTaskSuccessAsync(token, JsonValue.Parse("""{"answer":42}""")));
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"answer":42}""")));
        Assert.That(tokens, Has.Count.EqualTo(1), "the task was not called again: its token was already out");
        AssertIdsRunOneByOne(await second.GetExecutionHistoryAsync(arn));
    }

    // The resumed run registers its token once its replay reaches the task: until then the token is unknown.
    private static async Task RetryUntilAcceptedAsync(Func<Task> send)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await send();
                return;
            }
            catch (StepFunctionsException e) when (e.Code == "TaskDoesNotExist" && clock.Elapsed < Patience)
            {
                await Task.Delay(20);
            }
        }
    }

    [Test]
    public async Task Runs_an_execution_that_was_stored_but_never_started_from_its_beginning()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        const string definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"seen.$":"$.x"},"End":true}}}""";
        var record = new ExecutionRecord("arn:aws:states:us-east-1:123456789012:execution:Stored:e1", "arn:aws:states:us-east-1:123456789012:stateMachine:Stored", "e1",
            definition, ExecutionStatus.RUNNING, DateTimeOffset.UnixEpoch.AddYears(56), JsonValue.Parse("""{"x":7}"""));
        await using (var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = database }))
            await store.CreateExecutionAsync(record, default);

        await using var engine = Engine(database);
        await engine.ResumeAsync();
        var result = await engine.WaitForExecutionAsync(record.ExecutionArn).WaitAsync(Patience);
        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"seen":7}""")));
    }

    [Test]
    public async Task Keeps_created_and_deleted_state_machines_across_a_restart()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var definition = AslJson.Parse("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        string kept, deleted;
        await using (var first = Engine(database))
        {
            kept = first.CreateStateMachine("Kept", definition, SageBuild.Engine.Api.Model.StateMachineType.Express).StateMachineArn;
            deleted = first.CreateStateMachine("Deleted", definition).StateMachineArn;
            Assert.That(first.DeleteStateMachine(deleted), Is.True);
        }

        await using var second = Engine(database);
        var machine = second.DescribeStateMachine(kept);
        Assert.That((machine.Name, machine.Type, machine.Definition), Is.EqualTo(("Kept", SageBuild.Engine.Api.Model.StateMachineType.Express, definition)));
        var error = Assert.Throws<StepFunctionsException>(() => second.DescribeStateMachine(deleted));
        Assert.That(error!.Code, Is.EqualTo("StateMachineDoesNotExist"));
        var run = await second.ExecuteAsync(kept, JsonValue.Parse("""{"a":1}"""));
        Assert.That(run.Output, Is.EqualTo(JsonValue.Parse("""{"a":1}""")));
    }

    private delegate ValueTask<JsonValue> LambdaTimes10(JsonValue payload, CancellationToken cancellationToken);
}
