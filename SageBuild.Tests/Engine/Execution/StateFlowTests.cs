using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Execution;

public sealed class StateFlowTests
{
    [Test]
    public async Task A_chain_of_Pass_states_ends_with_the_last_result_and_a_linked_history()
    {
        var (result, history) = await EngineHarness.RunAsync("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"n":1},"Next":"B"},"B":{"Type":"Pass","Result":[1,2],"Next":"C"},"C":{"Type":"Succeed"}}}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
            Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("[1,2]")));
            Assert.That(EngineHarness.Types(history), Is.EqualTo(
                "ExecutionStarted,PassStateEntered,PassStateExited,PassStateEntered,PassStateExited,SucceedStateEntered,SucceedStateExited,ExecutionSucceeded"));
            Assert.That(history.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, 8).Select(i => (long)i)));
            Assert.That(history.Select(e => e.PreviousEventId), Is.EqualTo(new long[] { 0, 0, 2, 3, 4, 5, 6, 7 }));
        });
    }

    [Test]
    public async Task A_Fail_state_fails_the_execution_with_its_error_and_cause()
    {
        var (result, history) = await EngineHarness.RunAsync("""{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Model.NotGoodEnough","Cause":"auc 0.61 < 0.7"}}}""");
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ExecutionStatus.FAILED));
            Assert.That((result.Error, result.Cause), Is.EqualTo(("Model.NotGoodEnough", "auc 0.61 < 0.7")));
            Assert.That(HistoryJson.ToJson(history[^1])["executionFailedEventDetails"], Is.EqualTo(JsonValue.Parse("""{"error":"Model.NotGoodEnough","cause":"auc 0.61 < 0.7"}""")));
        });
    }

    [Test]
    public async Task Parallel_outputs_are_in_branch_order()
    {
        var (result, history) = await EngineHarness.RunAsync("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"Next":"A"},"A":{"Type":"Pass","Result":"first","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"second","End":true}}}]}}}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""["first","second"]""")));
            Assert.That(history.Select(e => e.Type), Does.Contain(HistoryEventType.ParallelStateSucceeded));
            // The Parallel ends when its slowest branch does: 30 s later on the virtual clock.
            var exited = history.Single(e => e.Type == HistoryEventType.ParallelStateExited).Timestamp;
            var entered = history.Single(e => e.Type == HistoryEventType.ParallelStateEntered).Timestamp;
            Assert.That(exited - entered, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(30)));
        });
    }

    [Test]
    public async Task One_failed_branch_fails_the_Parallel_with_its_error_and_a_Catch_takes_it()
    {
        var (result, history) = await EngineHarness.RunAsync("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Done","Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Fail","Error":"Broken","Cause":"branch two"}}}],
              "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handled"}]},
             "Done":{"Type":"Succeed"},"Handled":{"Type":"Pass","End":true}}}
            """, """{"run":7}""");
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
            Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"Error":"Broken","Cause":"branch two"}""")));
            Assert.That(history.Select(e => e.Type), Does.Contain(HistoryEventType.ParallelStateFailed));
            Assert.That(history.Any(e => e.Details is StateEnteredEventDetails { Name: "Handled" }), Is.True);
        });
    }

    [Test]
    public async Task Map_runs_its_processor_for_each_item_of_the_input_array_in_order()
    {
        var (result, history) = await EngineHarness.RunAsync("""
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":0,"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """, """[3,1,2]""");
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("[3,1,2]")));
            Assert.That(history.Count(e => e.Type == HistoryEventType.MapIterationSucceeded), Is.EqualTo(3));
            Assert.That(history.OfType<HistoryEvent>().Where(e => e.Type == HistoryEventType.MapStateStarted).Select(e => ((MapStateStartedEventDetails)e.Details!).Length), Is.EqualTo(new[] { 3 }));
        });
    }

    [Test]
    public async Task A_failed_iteration_fails_the_Map_unless_the_failures_are_tolerated()
    {
        const string Definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map",TOLERANCE"ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Fail","Error":"Bad.Item"}}},"End":true}}}
            """;
        var (strict, _) = await EngineHarness.RunAsync(Definition.Replace("TOLERANCE", "", StringComparison.Ordinal), "[1,2,3,4]");
        var (lenient, _) = await EngineHarness.RunAsync(Definition.Replace("TOLERANCE", "\"ToleratedFailureCount\":4,", StringComparison.Ordinal), "[1,2,3,4]");
        var (exceeded, _) = await EngineHarness.RunAsync(Definition.Replace("TOLERANCE", "\"ToleratedFailurePercentage\":50,", StringComparison.Ordinal), "[1,2,3,4]");
        Assert.Multiple(() =>
        {
            Assert.That((strict.Status, strict.Error), Is.EqualTo((ExecutionStatus.FAILED, "Bad.Item")));
            Assert.That(lenient.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
            Assert.That(lenient.Output, Is.EqualTo(JsonValue.Parse("""[{"Error":"Bad.Item"},{"Error":"Bad.Item"},{"Error":"Bad.Item"},{"Error":"Bad.Item"}]""")));
            Assert.That((exceeded.Status, exceeded.Error), Is.EqualTo((ExecutionStatus.FAILED, "States.ExceedToleratedFailureThreshold")));
        });
    }

    [Test]
    public async Task ItemBatcher_groups_the_items_into_batches()
    {
        var (result, _) = await EngineHarness.RunAsync("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"run":"r1"}},"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """, "[1,2,3]");
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""[{"BatchInput":{"run":"r1"},"Items":[1,2]},{"BatchInput":{"run":"r1"},"Items":[3]}]""")));
    }

    [Test]
    public async Task An_inline_Map_over_too_many_items_fails_on_the_history_limit_while_a_distributed_one_succeeds()
    {
        var items = "[" + string.Join(",", Enumerable.Range(0, 7000)) + "]";
        const string Definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map",MODE"ItemProcessor":{PROCESSOR"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        var (inline, inlineHistory) = await EngineHarness.RunAsync(Definition.Replace("MODE", "", StringComparison.Ordinal).Replace("PROCESSOR", "", StringComparison.Ordinal), items);
        var (distributed, distributedHistory) = await EngineHarness.RunAsync(
            Definition.Replace("MODE", "\"Label\":\"Scoring\",", StringComparison.Ordinal).Replace("PROCESSOR", "\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},", StringComparison.Ordinal), items);
        Assert.Multiple(() =>
        {
            Assert.That((inline.Status, inline.Error), Is.EqualTo((ExecutionStatus.FAILED, "States.Runtime")));
            Assert.That(inlineHistory, Has.Count.EqualTo(25_001));
            Assert.That(distributed.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
            Assert.That(((JsonArray)distributed.Output!).Count, Is.EqualTo(7000));
            Assert.That(EngineHarness.Types(distributedHistory), Is.EqualTo("ExecutionStarted,MapStateEntered,MapStateStarted,MapRunStarted,MapRunSucceeded,MapStateSucceeded,MapStateExited,ExecutionSucceeded"));
            Assert.That(((MapRunStartedEventDetails)distributedHistory[3].Details!).MapRunArn, Does.Contain(":mapRun:StateMachine/Scoring:"));
        });
    }

    [Test]
    public async Task A_Map_that_reads_its_items_from_S3_fails_clearly_with_States_ItemReaderFailed()
    {
        var (result, _) = await EngineHarness.RunAsync("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"b","Key":"k"}},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo("States.ItemReaderFailed"));
            Assert.That(result.Cause, Does.Contain("s3:getObject"));
        });
    }

    [Test]
    public async Task A_result_over_256_KiB_fails_with_States_DataLimitExceeded()
    {
        var big = new string('x', 300 * 1024);
        var definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"blob":"BIG"},"End":true}}}""".Replace("BIG", big, StringComparison.Ordinal);
        var (result, _) = await EngineHarness.RunAsync(definition);
        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo("States.DataLimitExceeded"));
            Assert.That(result.Cause, Does.Contain("'P'"));
        });
    }
}
