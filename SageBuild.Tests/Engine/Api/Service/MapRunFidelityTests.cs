using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Service;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Engine.Execution;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Engine.Api.Service.DistributedMapChildServiceTests;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Tests.Engine.Api.Service;

/// <summary>
/// DescribeMapRun of a Map Run that has ended shows what AWS shows: the settings as evaluated (from paths too), items
/// counted as items (a batch as its items), and resultsWritten; in memory, and on a real SQLite file after a restart.
/// And a distributed Map's child has the 25,000-event history quota of an execution of its own.
/// </summary>
public sealed class MapRunFidelityTests
{
    /// <summary>
    /// Five items in batches of two (three children); the batch that starts with 3 fails, which the tolerance (from a
    /// path, as MaxConcurrency and the percentage are) allows; a ResultWriter writes the results.
    /// </summary>
    internal const string Batched = """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","Label":"Items","ItemsPath":"$.items","End":true,
          "MaxConcurrencyPath":"$.limits.concurrency","ToleratedFailureCountPath":"$.limits.count","ToleratedFailurePercentagePath":"$.limits.percentage",
          "ItemBatcher":{"MaxItemsPerBatch":2},
          WRITER
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Check","States":{
            "Check":{"Type":"Choice","Choices":[{"Variable":"$.Items[0]","NumericEquals":3,"Next":"Bad"}],"Default":"Good"},
            "Good":{"Type":"Pass","End":true},
            "Bad":{"Type":"Fail","Error":"Bad","Cause":"three"}}}}}}
        """;

    internal const string Writer = """ "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"runs"}}, """;

    internal const string BatchedInput = """{"items":[1,2,3,4,5],"limits":{"concurrency":2,"count":1,"percentage":40.5}}""";

    /// <summary>Each item's child runs an inline Map over its own items: four events per item, so 7,000 items cross 25,000.</summary>
    internal const string Looping = """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","Label":"Items",TOLERANCE"End":true,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Inner","States":{
            "Inner":{"Type":"Map","ItemsPath":"$.items","End":true,
              "ItemProcessor":{"StartAt":"Step","States":{"Step":{"Type":"Pass","End":true}}}}}}}}}
        """;

    internal static readonly string LoopingInput = $$"""[{"items":[{{string.Join(',', Enumerable.Repeat(0, 7_000))}}]},{"items":[0]}]""";

    [TestCase(false)]
    [TestCase(true)]
    public async Task DescribeMapRun_of_an_ended_Map_Run_shows_the_evaluated_settings_items_and_results_written(bool durable)
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var s3 = new FakeS3Integration();
        WorkflowEngine Engine() => (durable ? new EngineBuilder().UseSqlite(database) : new EngineBuilder()).AddIntegration(s3).Build();
        var first = Engine();
        string execution, mapRunArn;
        DescribeMapRunOutput ended;
        try
        {
            var service = new EngineStepFunctionsService(first);
            execution = await StartAsync(service, "batched", Batched.Replace("WRITER", Writer, StringComparison.Ordinal), BatchedInput);
            Assert.That((await WaitAsync(first, execution)).Status, Is.EqualTo(EngineStatus.SUCCEEDED));
            mapRunArn = await MapRunArnAsync(service, execution);
            ended = await service.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = mapRunArn });
        }
        finally
        {
            if (durable)
                await first.DisposeAsync();
        }

        await using var second = durable ? Engine() : first;
        var restarted = await new EngineStepFunctionsService(second).DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = mapRunArn });
        foreach (var (mapRun, when) in new[] { (ended, "once ended"), (restarted, durable ? "after a restart" : "read again") })
        {
            Assert.Multiple(() =>
            {
                Assert.That((mapRun.Status, mapRun.MaxConcurrency, mapRun.ToleratedFailureCount, mapRun.ToleratedFailurePercentage),
                    Is.EqualTo((MapRunStatus.Succeeded, 2, 1L, 40.5f)), $"the settings as evaluated from their paths, {when}");
                Assert.That(Counts(mapRun.ItemCounts), Is.EqualTo((0L, 0L, 3L, 2L, 0L, 0L, 5L, 5L)),
                    $"items counted as items (the failed batch holds two), and all five written, {when}");
                Assert.That(Counts(mapRun.ExecutionCounts), Is.EqualTo((0L, 0L, 2L, 1L, 0L, 0L, 3L, 3L)), $"children counted as children, {when}");
            });
        }
    }

    [Test]
    public async Task DescribeMapRun_reports_no_results_written_without_a_ResultWriter()
    {
        await using var engine = new EngineBuilder().Build();
        var service = new EngineStepFunctionsService(engine);
        var execution = await StartAsync(service, "unwritten", Batched.Replace("WRITER", "", StringComparison.Ordinal), BatchedInput);
        Assert.That((await WaitAsync(engine, execution)).Status, Is.EqualTo(EngineStatus.SUCCEEDED));
        var mapRun = await service.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = await MapRunArnAsync(service, execution) });
        Assert.That((mapRun.ItemCounts.Total, mapRun.ItemCounts.ResultsWritten, mapRun.ExecutionCounts.ResultsWritten), Is.EqualTo((5L, 0L, 0L)));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_child_that_reaches_25000_history_events_fails_as_a_top_level_execution_and_counts_as_a_failed_item(bool durable)
    {
        using var folder = new TemporaryDirectory();
        await using var engine = (durable ? new EngineBuilder().UseSqlite(folder.File("sagebuild.db")) : new EngineBuilder()).Build();
        var service = new EngineStepFunctionsService(engine);
        var execution = await StartAsync(service, "looping", Looping.Replace("TOLERANCE", "\"ToleratedFailureCount\":1,", StringComparison.Ordinal), LoopingInput);
        var parent = await WaitAsync(engine, execution);
        var mapRunArn = await MapRunArnAsync(service, execution);
        var children = (await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = mapRunArn })).Executions;
        var failed = children.Single(c => c.Status == ExecutionStatus.Failed).ExecutionArn;
        var described = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = failed });
        var history = await engine.GetExecutionHistoryAsync(failed);
        var mapRun = await service.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = mapRunArn });
        const string cause = "The execution reached the maximum number of history events (25000).";
        Assert.Multiple(() =>
        {
            Assert.That((described.Error, described.Cause), Is.EqualTo(("States.Runtime", cause)), "the child fails as a top-level execution does");
            Assert.That(history, Has.Count.EqualTo(25_001), "25,000 events, then ExecutionFailed");
            Assert.That((history[^1].Type, ((ErrorEventDetails)history[^1].Details!).Cause), Is.EqualTo((SageBuild.Engine.History.HistoryEventType.ExecutionFailed, cause)));
            Assert.That((parent.Status, parent.Output), Is.EqualTo((EngineStatus.SUCCEEDED, (JsonValue?)JsonValue.Parse($$"""[{"Error":"States.Runtime","Cause":"{{cause}}"},[0]]"""))),
                "the Map tolerates the failed item");
            Assert.That((mapRun.ExecutionCounts.Failed, mapRun.ExecutionCounts.Succeeded), Is.EqualTo((1L, 1L)));
        });
    }

    [Test]
    public async Task A_child_over_the_history_limit_fails_a_Map_without_tolerance()
    {
        await using var engine = new EngineBuilder().Build();
        var service = new EngineStepFunctionsService(engine);
        var execution = await StartAsync(service, "strict", Looping.Replace("TOLERANCE", "", StringComparison.Ordinal), LoopingInput);
        var parent = await WaitAsync(engine, execution);
        Assert.That((parent.Status, parent.Error), Is.EqualTo((EngineStatus.FAILED, "States.Runtime")));
    }

    private static (long, long, long, long, long, long, long, long) Counts(MapRunItemCounts c) =>
        (c.Pending, c.Running, c.Succeeded, c.Failed, c.TimedOut, c.Aborted, c.Total, c.ResultsWritten);

    private static (long, long, long, long, long, long, long, long) Counts(MapRunExecutionCounts c) =>
        (c.Pending, c.Running, c.Succeeded, c.Failed, c.TimedOut, c.Aborted, c.Total, c.ResultsWritten);
}
