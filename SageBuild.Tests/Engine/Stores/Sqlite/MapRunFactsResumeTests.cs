using System.Collections.Concurrent;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Service;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Engine.Api.Service.DistributedMapChildServiceTests;
using static SageBuild.Tests.Engine.Stores.Sqlite.AskingChildren;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// DescribeMapRun of a Map Run that a durable engine left running and the next engine resumed, on a real SQLite file:
/// the settings evaluated from paths and the items (not batches) before the restart, while the resumed run goes on, and
/// once it has ended.
/// </summary>
public sealed class MapRunFactsResumeTests
{
    // Three items in batches of two (two children), one child at a time; each asks for an answer about its first item.
    private const string Asking = """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","Label":"Items","ItemsPath":"$.items","End":true,
          "MaxConcurrencyPath":"$.c","ToleratedFailureCountPath":"$.n","ToleratedFailurePercentagePath":"$.p",
          "ItemBatcher":{"MaxItemsPerBatch":2},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Ask","States":{
            "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"ask","Payload":{"item.$":"$.Items[0]","token.$":"$$.Task.Token"}},"End":true}}}}}}
        """;

    [Test]
    public async Task A_resumed_Map_Run_shows_its_evaluated_settings_and_items_while_it_runs_and_once_it_has_ended()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var asked = new ConcurrentQueue<(int Item, string Token)>();
        string execution, mapRunArn;
        DescribeMapRunOutput before;
        await using (var first = Durable(database, asked))
        {
            var service = new EngineStepFunctionsService(first);
            execution = await StartAsync(service, "asker", Asking, """{"items":[1,2,3],"c":1,"n":3,"p":75.5}""");
            mapRunArn = await MapRunArnAsync(service, execution);
            await AskedAsync(asked, 1);
            before = await service.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = mapRunArn });
        }

        await using var second = Durable(database, asked);
        var resumed = new EngineStepFunctionsService(second);
        Assert.That(await second.ResumeAsync(), Is.EqualTo(new[] { execution }));
        var running = await resumed.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = mapRunArn });
        await AnswerAsync(second, asked.First(a => a.Item == 1).Token);
        await AnswerAsync(second, (await AskedAsync(asked, 3)).Token);
        Assert.That((await second.WaitForExecutionAsync(execution).WaitAsync(Patience)).Status, Is.EqualTo(EngineStatus.SUCCEEDED));
        var ended = await resumed.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = mapRunArn });
        Assert.Multiple(() =>
        {
            foreach (var (mapRun, when) in new[] { (before, "before the restart"), (running, "resumed"), (ended, "once ended") })
            {
                Assert.That((mapRun.MaxConcurrency, mapRun.ToleratedFailureCount, mapRun.ToleratedFailurePercentage), Is.EqualTo((1, 3L, 75.5f)), when);
                Assert.That((mapRun.ItemCounts.Total, mapRun.ExecutionCounts.Total), Is.EqualTo((3L, 2L)), $"three items in two batches, {when}");
            }

            Assert.That((before.ItemCounts.Running, before.ItemCounts.Pending, before.ExecutionCounts.Running, before.ExecutionCounts.Pending),
                Is.EqualTo((2L, 1L, 1L, 1L)), "the running batch holds two items, the pending one one");
            Assert.That((ended.Status, ended.ItemCounts.Succeeded, ended.ExecutionCounts.Succeeded), Is.EqualTo((MapRunStatus.Succeeded, 3L, 2L)));
        });
    }
}
