using System.Collections.Concurrent;
using System.Diagnostics;
using SageBuild.Engine.Api;
using SageBuild.Engine.Execution;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Engine.Execution;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Engine.Stores.Sqlite.AskingChildren;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// A distributed Map resumed after a restart on a real SQLite file: the child executions that had ended are reused
/// (no item task called again, no second record), the unfinished ones resume from their own history (a child waiting
/// for its task token waits again for the same token) and the unstarted ones run.
/// </summary>
public sealed class DistributedMapResumeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Each item asks for an answer with a task token; item 2 is answered with a failure, which the Map tolerates.
    private const string Definition = """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ToleratedFailureCount":1,"End":true,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Ask","States":{
            "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"ask","Payload":{"item.$":"$","token.$":"$$.Task.Token"}},"Next":"Shape"},
            "Shape":{"Type":"Pass","Parameters":{"answer.$":"$.v","item.$":"$$.Execution.Input"},"End":true}}}}}}
        """;

    private static readonly JsonValue Input = JsonValue.Parse("""{"items":[1,2,3,4,5]}""");

    [Test]
    public async Task Reuses_the_children_that_ended_resumes_the_unfinished_ones_and_runs_only_the_unstarted_one()
    {
        var expected = await UninterruptedRunAsync();

        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var asked = new ConcurrentQueue<(int Item, string Token)>();
        var arn = await StopWhileItems3And4WaitAsync(database, asked);
        var askedBefore = asked.Select(a => a.Item).Order().ToArray();
        Assert.That(askedBefore, Is.EqualTo(new[] { 1, 2, 3, 4 }));
        await using var second = Durable(database, asked);
        Assert.That(await second.ResumeAsync(), Is.EqualTo(new[] { arn }), "the parent resumes; its children are run by it, never on their own");
        var answering = AnswerEverythingAsync(second, asked, arn);
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        await answering;

        Assert.That((result.Status, result.Error), Is.EqualTo((ExecutionStatus.SUCCEEDED, (string?)null)));
        Assert.That(result.Output, Is.EqualTo(expected), "the same output as an uninterrupted run");
        Assert.That(asked.Skip(askedBefore.Length).Select(a => a.Item), Is.EqualTo(new[] { 5 }),
            "only the unstarted item's task is called after the restart: items 3 and 4 wait again for the tokens they handed out");

        var children = await ChildrenAsync(second);
        Assert.That(children.Select(c => c.Name).Distinct().Count(), Is.EqualTo(5), "each item's child is listed once");
        Assert.That(children.OrderBy(c => ((JsonNumber)c.Input).Value).Select(c => c.Status), Is.EqualTo(new[]
        {
            ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED, ExecutionStatus.SUCCEEDED, ExecutionStatus.SUCCEEDED, ExecutionStatus.SUCCEEDED,
        }));
        foreach (var child in children)
        {
            var history = await second.GetExecutionHistoryAsync(child.ExecutionArn);
            Assert.That(history[0].Type, Is.EqualTo(HistoryEventType.ExecutionStarted), $"{child.Name}'s history is stored once, from its start");
            Assert.That(history.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, history.Count).Select(i => (long)i)));
        }

        var parent = await second.GetExecutionHistoryAsync(arn);
        Assert.That(parent.Count(e => e.Type == HistoryEventType.MapRunStarted), Is.EqualTo(1), "the Map Run resumes; it is not started again");
    }

    [Test]
    public async Task Runs_again_a_child_stored_running_without_its_events_and_stores_its_end_once()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var asked = new ConcurrentQueue<(int Item, string Token)>();
        var arn = await StopWhileItems3And4WaitAsync(database, asked);

        // As if the process died right after item 5's child was stored RUNNING, before any of its events: stored, no events.
        string childArn;
        await using (var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = database }))
        {
            var mapRunStarted = (await store.ReadHistoryAsync(arn, default)).Single(e => e.Type == HistoryEventType.MapRunStarted).Id;
            var names = new ChildExecutionNames(new RunSettings(false, null, "role", "Asker", "us-east-1", "123456789012", null), "Each", arn, mapRunStarted);
            var stored = await store.ListExecutionsAsync(names.StateMachineArn, default);
            Assert.That(stored.Select(r => r.ExecutionArn).ToList(), Has.Count.EqualTo(4).And.All.StartsWith(names.ExecutionArnPrefix), "the names the test derives are the engine's");
            Assert.That(stored.Count(r => r.Status == ExecutionStatus.RUNNING), Is.EqualTo(2), "items 3 and 4's children are stored RUNNING");
            childArn = names.ExecutionArnPrefix + names.NameOf(4);
            await store.CreateExecutionAsync(new ExecutionRecord(childArn, names.StateMachineArn, names.NameOf(4), Definition, ExecutionStatus.RUNNING,
                DateTimeOffset.UnixEpoch.AddYears(56), JsonValue.Parse("5")), default);
        }

        var askedBefore = asked.Count;
        await using var second = Durable(database, asked);
        await second.ResumeAsync();
        var answering = AnswerEverythingAsync(second, asked, arn);
        Assert.That((await second.WaitForExecutionAsync(arn).WaitAsync(Patience)).Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        await answering;
        Assert.That(asked.Skip(askedBefore).Select(a => a.Item), Is.EqualTo(new[] { 5 }), "the child stored RUNNING without events runs from its start");
        var child = await second.DescribeExecutionAsync(childArn);
        Assert.That((child.Status, child.Output), Is.EqualTo((ExecutionStatus.SUCCEEDED, (JsonValue?)JsonValue.Parse("""{"answer":50,"item":5}"""))));
        Assert.That(EngineHarness.Types(await second.GetExecutionHistoryAsync(childArn)), Does.StartWith("ExecutionStarted,").And.EndWith(",ExecutionSucceeded"));
        Assert.That((await ChildrenAsync(second)).Select(c => c.ExecutionArn).Distinct().Count(), Is.EqualTo(5), "each item's child is listed once");
    }

    [Test]
    public async Task Counts_the_failures_of_reused_children_against_the_tolerated_failures()
    {
        // Item 2 fails before the restart and item 4 after it: two failures, one tolerated, so the Map fails.
        int[] failing = [2, 4];
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var asked = new ConcurrentQueue<(int Item, string Token)>();
        string arn;
        await using (var first = Durable(database, asked))
        {
            var machine = first.CreateStateMachine("Asker", AslJson.Parse(Definition));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn, Input)).ExecutionArn;
            await AnswerAsync(first, await NextAskedAsync(asked, 1), failing);
            await AnswerAsync(first, await NextAskedAsync(asked, 2), failing);
            await UntilChildrenAsync(first, ended: 2);
            await NextAskedAsync(asked, 4);
        }

        var askedBefore = asked.Count;
        await using var second = Durable(database, asked);
        await second.ResumeAsync();
        var answering = AnswerEverythingAsync(second, asked, arn, failing);
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        await answering;
        Assert.That((result.Status, result.Error), Is.EqualTo((ExecutionStatus.FAILED, (string?)"States.ExceedToleratedFailureThreshold")));
        Assert.That(asked.Skip(askedBefore).Select(a => a.Item), Does.Not.Contain(1).And.Not.Contain(2).And.Not.Contain(4),
            "the children that ended are not run again; item 4's waits again for its token, which fails it");
    }

    [Test]
    public async Task Writes_the_results_of_reused_and_rerun_batches_with_ResultWriter_as_an_uninterrupted_run_does()
    {
        // Five items in batches of two: three children, each asking once for its batch's first item.
        const string definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"End":true,
              "ItemBatcher":{"MaxItemsPerBatch":2},
              "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"runs"}},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Ask","States":{
                "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters":{"FunctionName":"ask","Payload":{"item.$":"$.Items[0]","token.$":"$$.Task.Token"}},"End":true}}}}}}
            """;
        var uninterruptedS3 = new FakeS3Integration();
        var uninterruptedAsked = new ConcurrentQueue<(int Item, string Token)>();
        await using (var engine = new EngineBuilder().AddIntegration(uninterruptedS3).AddLambdaFunction("ask", Ask(uninterruptedAsked)).Build())
        {
            var machine = engine.CreateStateMachine("Batcher", AslJson.Parse(definition));
            var run = (await engine.StartExecutionAsync(machine.StateMachineArn, Input)).ExecutionArn;
            var answering = AnswerEverythingAsync(engine, uninterruptedAsked, run);
            Assert.That((await engine.WaitForExecutionAsync(run).WaitAsync(Patience)).Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
            await answering;
        }

        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var s3 = new FakeS3Integration();
        var asked = new ConcurrentQueue<(int Item, string Token)>();
        string arn;
        await using (var first = new EngineBuilder().UseSqlite(database).AddIntegration(s3).AddLambdaFunction("ask", Ask(asked)).Build())
        {
            var machine = first.CreateStateMachine("Batcher", AslJson.Parse(definition));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn, Input)).ExecutionArn;
            await AnswerAsync(first, await NextAskedAsync(asked, 1));
            await NextAskedAsync(asked, 3);
            await NextAskedAsync(asked, 5);
        }

        var askedBefore = asked.Count;
        await using var second = new EngineBuilder().UseSqlite(database).AddIntegration(s3).AddLambdaFunction("ask", Ask(asked)).Build();
        await second.ResumeAsync();
        var resumedAnswering = AnswerEverythingAsync(second, asked, arn);
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        await resumedAnswering;
        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.That(asked.Skip(askedBefore), Is.Empty,
            "the first batch's child ended before the restart and is not run again; the others wait again for their tokens");
        var written = WrittenResults(s3);
        Assert.That(written, Has.Some.StartsWith("SUCCEEDED_0.json: ").And.Contains("10").And.Contains("30").And.Contains("50"), "each batch's result is written");
        Assert.That(written, Is.EqualTo(WrittenResults(uninterruptedS3)), "the same results written as an uninterrupted run's");
    }

    // What the ResultWriter wrote, without what differs from run to run (ARNs, names, dates): each result's input,
    // output and status, per file.
    private static string[] WrittenResults(FakeS3Integration s3) =>
    [
        .. s3.Objects.Where(o => o.Key.Bucket == "results" && !o.Key.Key.EndsWith("manifest.json", StringComparison.Ordinal))
            .OrderBy(o => o.Key.Key, StringComparer.Ordinal)
            .Select(o => o.Key.Key[(o.Key.Key.LastIndexOf('/') + 1)..] + ": " + string.Join(" | ", ((JsonArray)JsonValue.Parse(o.Value))
                .Select(r => (JsonObject)r)
                .Select(r => $"{r["Input"].ToJson()} -> {(r.TryGetValue("Output", out var output) ? output.ToJson() : "")} {r["Status"].ToJson()}"))),
    ];

    /// <summary>
    /// Runs <see cref="Definition"/> on a durable engine that stops while items 3 and 4 wait for their answers: items
    /// 1 and 2 are asked first (MaxConcurrency 2) and answered, so 1 ended SUCCEEDED, 2 FAILED, and 5 never started.
    /// </summary>
    private static async Task<string> StopWhileItems3And4WaitAsync(string database, ConcurrentQueue<(int Item, string Token)> asked)
    {
        await using var first = Durable(database, asked);
        var machine = first.CreateStateMachine("Asker", AslJson.Parse(Definition));
        var arn = (await first.StartExecutionAsync(machine.StateMachineArn, Input)).ExecutionArn;
        await AnswerAsync(first, await NextAskedAsync(asked, 1));
        await AnswerAsync(first, await NextAskedAsync(asked, 2));
        await UntilChildrenAsync(first, ended: 2);
        await NextAskedAsync(asked, 3);
        await NextAskedAsync(asked, 4);
        return arn;
    }

    // The failing items (by default item 2, which the Map tolerates) fail; every other item n answers {"v": 10 n}.
    private static Task AnswerAsync(WorkflowEngine engine, (int Item, string Token) ask, int[]? failing = null) => (failing ?? [2]).Contains(ask.Item)
        ? engine.SendTaskFailureAsync(ask.Token, "Odd", $"item {ask.Item} failed")
        : engine.SendTaskSuccessAsync(ask.Token, JsonValue.Parse($$"""{"v":{{ask.Item * 10}}}"""));

    private static async Task<JsonValue> UninterruptedRunAsync()
    {
        var asked = new ConcurrentQueue<(int Item, string Token)>();
        await using var engine = new EngineBuilder().AddLambdaFunction("ask", Ask(asked)).Build();
        var machine = engine.CreateStateMachine("Asker", AslJson.Parse(Definition));
        var arn = (await engine.StartExecutionAsync(machine.StateMachineArn, Input)).ExecutionArn;
        var answering = AnswerEverythingAsync(engine, asked, arn);
        var result = await engine.WaitForExecutionAsync(arn).WaitAsync(Patience);
        await answering;
        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED), "the uninterrupted run");
        return result.Output!;
    }

    // Answers every ask as it comes, until the execution has ended.
    private static async Task AnswerEverythingAsync(WorkflowEngine engine, ConcurrentQueue<(int Item, string Token)> asked, string executionArn, int[]? failing = null)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        while ((await engine.DescribeExecutionAsync(executionArn)).Status == ExecutionStatus.RUNNING)
        {
            foreach (var ask in asked.ToArray())
            {
                if (answered.Contains(ask.Token))
                    continue;
                try
                {
                    await AnswerAsync(engine, ask, failing);
                    answered.Add(ask.Token);
                }
                catch (StepFunctionsException e) when (e.Code == "TaskTimedOut")
                {
                    // Answered before the restart, or the Map failed meanwhile and aborted the item: its task no longer waits.
                    answered.Add(ask.Token);
                }
                catch (StepFunctionsException e) when (e.Code == "TaskDoesNotExist")
                {
                    // Handed out before the restart, and the resumed child's replay has not reached its wait yet: next round.
                }
            }

            if (clock.Elapsed > Patience)
                Assert.Fail($"{executionArn} did not end within {Patience}");
            await Task.Delay(20);
        }
    }

    private static async Task<(int Item, string Token)> NextAskedAsync(ConcurrentQueue<(int Item, string Token)> asked, int item)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var ask in asked.ToArray())
            {
                if (ask.Item == item)
                    return ask;
            }

            if (clock.Elapsed > Patience)
                Assert.Fail($"item {item} was not asked within {Patience}");
            await Task.Delay(20);
        }
    }

    private static async Task<IReadOnlyList<ExecutionRecord>> ChildrenAsync(WorkflowEngine engine) =>
        [.. (await engine.ListExecutionsAsync()).Where(r => r.StateMachineArn.EndsWith(":Asker/Each", StringComparison.Ordinal))];

    private static async Task UntilChildrenAsync(WorkflowEngine engine, int ended)
    {
        var clock = Stopwatch.StartNew();
        while ((await ChildrenAsync(engine)).Count(c => c.Status != ExecutionStatus.RUNNING) < ended)
        {
            if (clock.Elapsed > Patience)
                Assert.Fail($"{ended} child executions did not end within {Patience}");
            await Task.Delay(20);
        }
    }
}
