using System.Collections.Concurrent;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Service;
using SageBuild.StateMachines.Json;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Engine.Api.Service.DistributedMapChildServiceTests;
using static SageBuild.Tests.Engine.Stores.Sqlite.AskingChildren;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// A distributed Map's child stopped on its own, and Map Runs nested in child executions, across a restart on a real
/// SQLite file: the stopped child stays ABORTED and is not run again by the resumed Map Run (a redriven parent runs it
/// again, as a failed one), and the API still finds the Map Runs and names each child's.
/// </summary>
public sealed class DistributedMapChildStopResumeTests
{
    // Each item's child asks for an answer with a task token; TOLERANCE is replaced by the test.
    private const string Asking = """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","Label":"Items",TOLERANCE"End":true,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Ask","States":{
            "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"ask","Payload":{"item.$":"$","token.$":"$$.Task.Token"}},"End":true}}}}}}
        """;

    [Test]
    public async Task A_stopped_child_stays_ABORTED_after_a_restart_and_the_resumed_Map_Run_does_not_run_it_again()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var asked = new ConcurrentQueue<(int Item, string Token)>();
        string execution, mapRunArn, stoppedChild, waitingChild;
        await using (var first = Durable(database, asked))
        {
            var service = new EngineStepFunctionsService(first);
            execution = await StartAsync(service, "asker", Asking.Replace("TOLERANCE", "\"ToleratedFailureCount\":1,", StringComparison.Ordinal), "[1,2]");
            mapRunArn = await MapRunArnAsync(service, execution);
            await AskedAsync(asked, 1);
            await AskedAsync(asked, 2);
            var children = await ChildrenAsync(service, mapRunArn, running: 2);
            (waitingChild, stoppedChild) = (children[0], children[1]);
            await service.StopExecutionAsync(new StopExecutionInput { ExecutionArn = stoppedChild, Error = "Halt", Cause = "by the test" });
        }

        var askedBefore = asked.Count;
        await using var second = Durable(database, asked);
        var resumed = new EngineStepFunctionsService(second);
        Assert.That(await second.ResumeAsync(), Is.EqualTo(new[] { execution }));
        var waiting = await resumed.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = waitingChild });
        await AnswerAsync(second, asked.Single(a => a.Item == 2).Token, """{"v":20}""");
        var parent = await second.WaitForExecutionAsync(execution).WaitAsync(Patience);
        var stopped = await resumed.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = stoppedChild });
        Assert.Multiple(async () =>
        {
            Assert.That((parent.Status, parent.Output), Is.EqualTo((EngineStatus.SUCCEEDED, (JsonValue?)JsonValue.Parse("""[{"Error":"Halt","Cause":"by the test"},{"v":20}]"""))),
                "the stopped child stands for its item as an unsuccessful one, which the Map tolerates");
            Assert.That(asked.Skip(askedBefore), Is.Empty, "neither child's task is called again: one is stopped, the other waits again for its token");
            Assert.That((stopped.Status, stopped.Error, stopped.MapRunArn), Is.EqualTo((ExecutionStatus.Aborted, (string?)"Halt", (string?)mapRunArn)));
            Assert.That(await HistoryTypesAsync(resumed, stoppedChild), Is.EqualTo(new[] { "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "ExecutionAborted" }),
                "its history ends once, ABORTED");
            Assert.That((waiting.Status, waiting.MapRunArn), Is.EqualTo((ExecutionStatus.Running, (string?)mapRunArn)), "a resumed child names its Map Run");
            var mapRun = await resumed.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = mapRunArn });
            Assert.That((mapRun.Status, mapRun.ExecutionCounts.Aborted, mapRun.ExecutionCounts.Succeeded), Is.EqualTo((MapRunStatus.Succeeded, 1L, 1L)));
        });
    }

    [Test]
    public async Task A_parent_failed_by_a_stopped_child_and_redriven_after_a_restart_runs_the_child_again()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var asked = new ConcurrentQueue<(int Item, string Token)>();
        string execution;
        await using (var first = Durable(database, asked))
        {
            var service = new EngineStepFunctionsService(first);
            execution = await StartAsync(service, "asker", Asking.Replace("TOLERANCE", "", StringComparison.Ordinal), "[1]");
            var child = (await ChildrenAsync(service, await MapRunArnAsync(service, execution), running: 1))[0];
            await AskedAsync(asked, 1);
            await service.StopExecutionAsync(new StopExecutionInput { ExecutionArn = child });
            var failed = await first.WaitForExecutionAsync(execution).WaitAsync(Patience);
            Assert.That((failed.Status, failed.Error), Is.EqualTo((EngineStatus.FAILED, (string?)"States.ExceedToleratedFailureThreshold")));
        }

        await using var second = Durable(database, asked);
        var resumed = new EngineStepFunctionsService(second);
        await second.ResumeAsync();
        await resumed.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution });
        var again = await AskedAsync(asked, 1, skip: 1);
        await AnswerAsync(second, again.Token, """{"v":10}""");
        var parent = await second.WaitForExecutionAsync(execution).WaitAsync(Patience);
        Assert.That((parent.Status, parent.Output), Is.EqualTo((EngineStatus.SUCCEEDED, (JsonValue?)JsonValue.Parse("""[{"v":10}]"""))), "the redriven Map Run runs the item again");
    }

    [Test]
    public async Task A_nested_Map_Run_is_listed_and_named_by_its_children_after_a_restart()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        string execution;
        await using (var first = new EngineBuilder().UseSqlite(database).Build())
        {
            execution = await StartAsync(new EngineStepFunctionsService(first), "nested", Nested, """[{"items":[0,0]},{"items":[0]}]""");
            Assert.That((await first.WaitForExecutionAsync(execution).WaitAsync(Patience)).Status, Is.EqualTo(EngineStatus.SUCCEEDED));
        }

        await using var second = new EngineBuilder().UseSqlite(database).Build();
        var service = new EngineStepFunctionsService(second);
        var outerMapRunArn = await MapRunArnAsync(service, execution);
        var outerChildren = (await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = outerMapRunArn })).Executions;
        Assert.That(outerChildren, Has.Count.EqualTo(2));
        foreach (var outer in outerChildren)
        {
            var innerMapRunArn = await MapRunArnAsync(service, outer.ExecutionArn);
            var inner = (await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = innerMapRunArn })).Executions;
            var outerDescribed = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = outer.ExecutionArn });
            var innerDescribed = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = inner[0].ExecutionArn });
            var innerMapRun = await service.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = innerMapRunArn });
            Assert.Multiple(() =>
            {
                Assert.That(inner.Select(e => (e.Status, e.MapRunArn)), Is.All.EqualTo((ExecutionStatus.Succeeded, (string?)innerMapRunArn)));
                Assert.That(outerDescribed.MapRunArn, Is.EqualTo(outerMapRunArn));
                Assert.That(innerDescribed.MapRunArn, Is.EqualTo(innerMapRunArn));
                Assert.That(innerDescribed.StateMachineArn, Is.EqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:nested/Inner"));
                Assert.That((innerMapRun.Status, innerMapRun.ExecutionArn, innerMapRun.ExecutionCounts.Succeeded, innerMapRun.ExecutionCounts.Total),
                    Is.EqualTo((MapRunStatus.Succeeded, outer.ExecutionArn, (long)inner.Count, (long)inner.Count)));
            });
        }
    }
}
