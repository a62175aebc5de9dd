using System.Collections.Concurrent;
using System.Diagnostics;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Service;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;
using ApiStatus = SageBuild.Engine.Api.Model.ExecutionStatus;
using DescribeExecutionInput = SageBuild.Engine.Api.Model.DescribeExecutionInput;
using ExecutionListItem = SageBuild.Engine.Api.Model.ExecutionListItem;
using ListExecutionsInput = SageBuild.Engine.Api.Model.ListExecutionsInput;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// A distributed Map's child executions are stored as they run (RUNNING from their start, their events at each
/// barrier), so a child the engine left unfinished resumes from its own history on a real SQLite file: its finished
/// Tasks are not called again, and the Map Run lists each child once, running or ended.
/// </summary>
public sealed class DistributedMapChildResumeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Each item runs two Tasks; MaxConcurrency 3 keeps items 5 and 6 unstarted while three children wait in Second.
    private const string TwoTasks = """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":3,"End":true,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"First","States":{
            "First":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:first","ResultPath":"$.first","Next":"Between"},
            "Between":{"Type":"Pass","Parameters":{"item.$":"$.item","first.$":"$.first","seen.$":"$$.Execution.Name"},"Next":"Second"},
            "Second":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:second","ResultPath":"$.second","End":true}}}}}}
        """;

    private static readonly JsonValue Items = JsonValue.Parse("""{"items":[{"item":1},{"item":2},{"item":3},{"item":4},{"item":5},{"item":6}]}""");

    [Test]
    public async Task Resumes_unfinished_children_from_their_history_without_calling_their_finished_task_again()
    {
        var uninterrupted = await RunTwoTasksUninterruptedAsync();

        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var before = new Calls();
        string arn;
        await using (var first = TwoTaskEngine(database, before, secondBlocks: item => item != 1))
        {
            var machine = first.CreateStateMachine("Counter", AslJson.Parse(TwoTasks));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn, Items)).ExecutionArn;
            // Item 1 ends; items 2, 3 and 4 have finished First and are stopped in Second's call; 5 and 6 never start.
            await UntilAsync(() => before.Second.Count == 4, "three children waiting in their second task");
        }

        Assert.That(before.First.Order(), Is.EqualTo(new[] { 1, 2, 3, 4 }), "the first engine ran First for items 1 to 4");
        var after = new Calls();
        await using var second = TwoTaskEngine(database, after, secondBlocks: _ => false);
        var service = new EngineStepFunctionsService(second);
        var mapRunArn = await MapRunArnAsync(second, arn);
        var listed = await ListMapRunAsync(service, mapRunArn);
        Assert.That(listed.Select(e => (e.Status!.Value, e.MapRunArn)), Is.EquivalentTo(new[]
        {
            ("SUCCEEDED", mapRunArn), ("RUNNING", mapRunArn), ("RUNNING", mapRunArn), ("RUNNING", mapRunArn),
        }), "before the resume: item 1's child ended, items 2 to 4's are stored RUNNING");

        Assert.That(await second.ResumeAsync(), Is.EqualTo(new[] { arn }), "only the parent resumes on its own");
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);

        Assert.That((result.Status, result.Error), Is.EqualTo((ExecutionStatus.SUCCEEDED, (string?)null)));
        Assert.That(Anonymous(result.Output!), Is.EqualTo(Anonymous(uninterrupted)), "the same output as an uninterrupted run");
        Assert.That(after.First.Order(), Is.EqualTo(new[] { 5, 6 }), "First is not called again for the children that had finished it");
        Assert.That(after.Second.Order(), Is.EqualTo(new[] { 2, 3, 4, 5, 6 }), "Second, started without a result, is called again (at least once)");

        var children = await ListMapRunAsync(service, mapRunArn);
        Assert.That(children, Has.Count.EqualTo(6));
        Assert.That(children.Select(c => c.ExecutionArn).Distinct().Count(), Is.EqualTo(6), "the Map Run lists each child exactly once");
        Assert.That(children.Select(c => c.Status!.Value), Is.All.EqualTo("SUCCEEDED"));
        foreach (var child in children)
        {
            var history = await second.GetExecutionHistoryAsync(child.ExecutionArn!);
            Assert.That(history.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, history.Count).Select(i => (long)i)), $"{child.Name}: ids 1..n, none repeated or lost");
            Assert.That(history.Count(e => e.Type == HistoryEventType.ExecutionStarted), Is.EqualTo(1), $"{child.Name} started once");
            Assert.That(history.Count(e => e.Type == HistoryEventType.LambdaFunctionSucceeded), Is.EqualTo(2), $"{child.Name}: each task's result once");
        }
    }

    [Test]
    public async Task Resumes_a_child_waiting_in_a_wait_state_with_the_time_left()
    {
        const string definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Before","States":{
                "Before":{"Type":"Pass","Next":"Nap"},
                "Nap":{"Type":"Wait","Seconds":2,"Next":"After"},
                "After":{"Type":"Pass","Parameters":{"done.$":"$"},"End":true}}}}}}
            """;
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        string arn;
        await using (var first = new EngineBuilder().UseSqlite(database).Build())
        {
            var machine = first.CreateStateMachine("Napper", AslJson.Parse(definition));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn, JsonValue.Parse("""{"items":[1,2]}"""))).ExecutionArn;
            var mapRunArn = await UntilMapRunAsync(first, arn);
            await UntilAsync(async () => await ChildrenWaitingAsync(first, mapRunArn) == 2, "two children in their Wait");
            await Task.Delay(700);
        }

        await using var second = new EngineBuilder().UseSqlite(database).Build();
        var resumedAt = Stopwatch.StartNew();
        await second.ResumeAsync();
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""[{"done":1},{"done":2}]""")));
        Assert.That(resumedAt.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.9)), "only the time left of the children's waits is waited");
        foreach (var child in (await second.ListMapRunExecutionsAsync(await MapRunArnAsync(second, arn)))!)
        {
            var history = await second.GetExecutionHistoryAsync(child.ExecutionArn);
            Assert.That(EngineHarness.Types(history), Is.EqualTo(
                "ExecutionStarted,PassStateEntered,PassStateExited,WaitStateEntered,WaitStateExited,PassStateEntered,PassStateExited,ExecutionSucceeded"));
            var waited = history[4].Timestamp - history[3].Timestamp;
            Assert.That(waited.TotalSeconds, Is.InRange(1.95, 3.0), "the wait fires at its entered time plus its seconds");
        }
    }

    private static async Task<string> UntilMapRunAsync(WorkflowEngine engine, string executionArn)
    {
        await UntilAsync(async () => (await engine.GetExecutionHistoryAsync(executionArn)).Any(e => e.Type == HistoryEventType.MapRunStarted), "MapRunStarted");
        return await MapRunArnAsync(engine, executionArn);
    }

    private static async Task<int> ChildrenWaitingAsync(WorkflowEngine engine, string mapRunArn)
    {
        var waiting = 0;
        foreach (var child in (await engine.ListMapRunExecutionsAsync(mapRunArn))!)
        {
            if ((await engine.GetExecutionHistoryAsync(child.ExecutionArn)).Any(e => e.Type == HistoryEventType.WaitStateEntered))
                waiting++;
        }

        return waiting;
    }

    [Test]
    public async Task Lists_a_child_that_waits_on_a_callback_as_running()
    {
        const string definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Ask","States":{
                "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters":{"FunctionName":"ask","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}}}}
            """;
        using var folder = new TemporaryDirectory();
        var tokens = new ConcurrentQueue<string>();
        await using var engine = new EngineBuilder().UseSqlite(folder.File("sagebuild.db")).AddLambdaFunction("ask", (payload, _) =>
        {
            tokens.Enqueue(((JsonString)((JsonObject)payload)["token"]).Value);
            return ValueTask.FromResult(JsonValue.Null);
        }).Build();
        var service = new EngineStepFunctionsService(engine);
        var machine = engine.CreateStateMachine("Asker", AslJson.Parse(definition));
        var arn = (await engine.StartExecutionAsync(machine.StateMachineArn, JsonValue.Parse("""{"items":[1]}"""))).ExecutionArn;
        await UntilAsync(() => !tokens.IsEmpty, "the child's callback task");

        var mapRunArn = await MapRunArnAsync(engine, arn);
        var running = await ListMapRunAsync(service, mapRunArn);
        Assert.That(running.Select(e => e.Status!.Value), Is.EqualTo(new[] { "RUNNING" }), "the waiting child is listed RUNNING");
        Assert.That((await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = mapRunArn, StatusFilter = ApiStatus.Running })).Executions!, Has.Count.EqualTo(1));
        var described = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = running[0].ExecutionArn! });
        Assert.That(described.Status!.Value, Is.EqualTo("RUNNING"));

        tokens.TryPeek(out var token);
        await engine.SendTaskSuccessAsync(token!, JsonValue.Parse("""{"ok":true}"""));
        Assert.That((await engine.WaitForExecutionAsync(arn).WaitAsync(Patience)).Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That((await ListMapRunAsync(service, mapRunArn)).Select(e => e.Status!.Value), Is.EqualTo(new[] { "SUCCEEDED" }), "listed once, now ended");
        var unknown = mapRunArn[..(mapRunArn.LastIndexOf('-') + 1)] + "0000000000000000";
        var refused = Assert.ThrowsAsync<StepFunctionsException>(() => service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = unknown }));
        Assert.That(refused!.Code, Is.EqualTo(StepFunctionsErrorCodes.ResourceNotFound), "an unknown Map Run");
    }

    /// <summary>Which items each Lambda function was called for.</summary>
    private sealed class Calls
    {
        public ConcurrentQueue<int> First { get; } = new();

        public ConcurrentQueue<int> Second { get; } = new();
    }

    // First answers at once; Second blocks (until the engine is disposed) for the items secondBlocks names.
    private static WorkflowEngine TwoTaskEngine(string? database, Calls calls, Func<int, bool> secondBlocks)
    {
        var builder = new EngineBuilder();
        if (database is not null)
            builder.UseSqlite(database);
        return builder
            .AddLambdaFunction("first", (payload, _) =>
            {
                var item = Item(payload);
                calls.First.Enqueue(item);
                return ValueTask.FromResult(JsonValue.Parse($$"""{"doubled":{{item * 2}}}"""));
            })
            .AddLambdaFunction("second", async (payload, cancellation) =>
            {
                var item = Item(payload);
                calls.Second.Enqueue(item);
                if (secondBlocks(item))
                    await Task.Delay(Timeout.Infinite, cancellation);
                return JsonValue.Parse($$"""{"tripled":{{item * 3}}}""");
            })
            .Build();
    }

    private static int Item(JsonValue payload) => (int)((JsonNumber)((JsonObject)payload)["item"]).Value;

    private static async Task<JsonValue> RunTwoTasksUninterruptedAsync()
    {
        await using var engine = TwoTaskEngine(null, new Calls(), secondBlocks: _ => false);
        var machine = engine.CreateStateMachine("Counter", AslJson.Parse(TwoTasks));
        var arn = (await engine.StartExecutionAsync(machine.StateMachineArn, Items)).ExecutionArn;
        var result = await engine.WaitForExecutionAsync(arn).WaitAsync(Patience);
        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED), "the uninterrupted run");
        return result.Output!;
    }

    // The output without the child executions' names, which derive from the parent execution's ARN.
    private static JsonArray Anonymous(JsonValue output) =>
        JsonArray.Create(((JsonArray)output).Select(o => (JsonValue)((JsonObject)o).Without("seen")));

    private static async Task<string> MapRunArnAsync(WorkflowEngine engine, string executionArn) =>
        ((MapRunStartedEventDetails)(await engine.GetExecutionHistoryAsync(executionArn)).Single(e => e.Type == HistoryEventType.MapRunStarted).Details!).MapRunArn;

    private static async Task<IReadOnlyList<ExecutionListItem>> ListMapRunAsync(EngineStepFunctionsService service, string mapRunArn) =>
        (await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = mapRunArn })).Executions!;

    private static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Patience)
                Assert.Fail($"no {what} within {Patience}");
            await Task.Delay(20);
        }
    }
}
