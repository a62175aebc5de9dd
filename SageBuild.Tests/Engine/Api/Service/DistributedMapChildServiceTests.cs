using System.Diagnostics;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Service;
using SageBuild.StateMachines.Json;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Tests.Engine.Api.Service;

/// <summary>
/// The child executions of a distributed Map through the Step Functions API, as AWS shows them: a running child can be
/// stopped on its own (it ends ABORTED and counts as an unsuccessful item of its Map Run), DescribeExecution names its
/// Map Run, and a Map Run nested inside a child execution is found by ListExecutions.
/// </summary>
public sealed class DistributedMapChildServiceTests
{
    internal const string Role = "arn:aws:iam::123456789012:role/test";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Each item's child waits the item's number of seconds; TOLERANCE is replaced by the test.</summary>
    internal const string Waiting = """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","Label":"Items","MaxConcurrency":0,TOLERANCE"End":true,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Hold","States":{
            "Hold":{"Type":"Wait","SecondsPath":"$","End":true}}}}}}
        """;

    /// <summary>A distributed Map whose children each run a distributed Map of their own.</summary>
    internal const string Nested = """
        {"StartAt":"Outer","States":{"Outer":{"Type":"Map","Label":"Outer","End":true,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Inner","States":{
            "Inner":{"Type":"Map","Label":"Inner","ItemsPath":"$.items","End":true,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Hold","States":{
                "Hold":{"Type":"Wait","SecondsPath":"$","End":true}}}}}}}}}
        """;

    [Test]
    public async Task Stopping_a_running_child_aborts_it_and_fails_a_Map_without_tolerance_as_a_failed_child_would()
    {
        await using var engine = new EngineBuilder().Build();
        var service = new EngineStepFunctionsService(engine);
        var execution = await StartAsync(service, "strict", Waiting.Replace("TOLERANCE", "", StringComparison.Ordinal), "[600,600,600]");
        var mapRunArn = await MapRunArnAsync(service, execution);
        var children = await ChildrenAsync(service, mapRunArn, running: 3);

        var stopped = await service.StopExecutionAsync(new StopExecutionInput { ExecutionArn = children[0], Error = "Halt", Cause = "by the test" });
        var child = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = children[0] });
        var parent = await WaitAsync(engine, execution);
        var history = await HistoryTypesAsync(service, children[0]);
        var siblings = await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = mapRunArn });
        var mapRun = await service.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = mapRunArn });
        Assert.Multiple(() =>
        {
            Assert.That((mapRun.Status, mapRun.ExecutionArn, mapRun.ExecutionCounts.Aborted, mapRun.ExecutionCounts.Total), Is.EqualTo((MapRunStatus.Failed, execution, 3L, 3L)),
                "DescribeMapRun counts the stopped child and the two its failing Map Run aborted");
            Assert.That((child.Status, child.Error, child.Cause), Is.EqualTo((ExecutionStatus.Aborted, "Halt", "by the test")));
            Assert.That(child.StopDate, Is.EqualTo(stopped.StopDate), "StopExecution answers the child's stop date");
            Assert.That(history, Is.EqualTo(new[] { "ExecutionStarted", "WaitStateEntered", "ExecutionAborted" }));
            Assert.That((parent.Status, parent.Error), Is.EqualTo((EngineStatus.FAILED, "States.ExceedToleratedFailureThreshold")),
                "an unsuccessful item beyond the tolerance (none) fails the Map");
            Assert.That(siblings.Executions.Select(e => e.Status), Is.All.EqualTo(ExecutionStatus.Aborted), "the failing Map Run aborts the other children");
        });
    }

    [Test]
    public async Task A_stopped_child_counts_toward_the_tolerated_failures_and_a_tolerant_Map_goes_on()
    {
        await using var engine = new EngineBuilder().Build();
        var service = new EngineStepFunctionsService(engine);
        var execution = await StartAsync(service, "tolerant", Waiting.Replace("TOLERANCE", "\"ToleratedFailureCount\":1,", StringComparison.Ordinal), "[600,0,0]");
        var mapRunArn = await MapRunArnAsync(service, execution);
        var children = await ChildrenAsync(service, mapRunArn, running: 1);

        await service.StopExecutionAsync(new StopExecutionInput { ExecutionArn = children[0] });
        var parent = await WaitAsync(engine, execution);
        var statuses = (await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = mapRunArn })).Executions.Select(e => e.Status.Value).Order();
        var mapRun = await service.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = mapRunArn });
        Assert.Multiple(() =>
        {
            Assert.That((mapRun.Status, mapRun.ExecutionCounts.Aborted, mapRun.ExecutionCounts.Succeeded, mapRun.ToleratedFailureCount), Is.EqualTo((MapRunStatus.Succeeded, 1L, 2L, 1L)));
            Assert.That(parent.Status, Is.EqualTo(EngineStatus.SUCCEEDED), parent.Error);
            Assert.That(parent.Output, Is.EqualTo(JsonValue.Parse("[{},0,0]")), "the stopped item's place holds its (empty) error output, as a failed item's does");
            Assert.That(statuses, Is.EqualTo(new[] { "ABORTED", "SUCCEEDED", "SUCCEEDED" }));
        });
    }

    [Test]
    public async Task Stopping_a_child_that_ended_leaves_it_as_it_ended_as_for_a_top_level_execution()
    {
        await using var engine = new EngineBuilder().Build();
        var service = new EngineStepFunctionsService(engine);
        var execution = await StartAsync(service, "quick", Waiting.Replace("TOLERANCE", "", StringComparison.Ordinal), "[0]");
        Assert.That((await WaitAsync(engine, execution)).Status, Is.EqualTo(EngineStatus.SUCCEEDED));
        var mapRunArn = await MapRunArnAsync(service, execution);
        var child = (await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = mapRunArn })).Executions.Single();

        var stopped = await service.StopExecutionAsync(new StopExecutionInput { ExecutionArn = child.ExecutionArn, Error = "Late" });
        var described = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = child.ExecutionArn });
        Assert.That((described.Status, described.Error, described.StopDate), Is.EqualTo((ExecutionStatus.Succeeded, (string?)null, (DateTimeOffset?)stopped.StopDate)));
    }

    [Test]
    public async Task DescribeExecution_of_a_child_names_its_Map_Run_while_it_runs_and_after_it_ended()
    {
        await using var engine = new EngineBuilder().Build();
        var service = new EngineStepFunctionsService(engine);
        var execution = await StartAsync(service, "described", Waiting.Replace("TOLERANCE", "", StringComparison.Ordinal), "[1]");
        var mapRunArn = await MapRunArnAsync(service, execution);
        var childArn = (await ChildrenAsync(service, mapRunArn, running: 1))[0];
        var running = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = childArn });
        await WaitAsync(engine, execution);
        var ended = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = childArn });
        var top = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution });
        Assert.Multiple(() =>
        {
            Assert.That((running.Status, running.MapRunArn), Is.EqualTo((ExecutionStatus.Running, (string?)mapRunArn)), "while its Map Run runs");
            Assert.That((ended.Status, ended.MapRunArn), Is.EqualTo((ExecutionStatus.Succeeded, (string?)mapRunArn)), "after its Map Run ended");
            Assert.That(ended.StateMachineArn, Is.EqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:described/Items"));
            Assert.That(childArn, Does.StartWith("arn:aws:states:us-east-1:123456789012:execution:described/Items:"));
            Assert.That(ended.Name, Is.EqualTo(childArn[(childArn.LastIndexOf(':') + 1)..]));
            Assert.That(top.MapRunArn, Is.Null, "a top-level execution belongs to no Map Run");
        });
    }

    [Test]
    public async Task A_Map_Run_nested_inside_a_child_execution_is_listed_and_named_by_its_children_while_it_runs_and_after()
    {
        await using var engine = new EngineBuilder().Build();
        var service = new EngineStepFunctionsService(engine);
        var execution = await StartAsync(service, "nested", Nested, """[{"items":[1,1]}]""");
        var outerChild = (await ChildrenAsync(service, await MapRunArnAsync(service, execution), running: 1))[0];
        var innerMapRunArn = await MapRunArnAsync(service, outerChild);
        var runningChildren = await ChildrenAsync(service, innerMapRunArn, running: 2);
        var runningDescribed = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = runningChildren[0] });
        var runningMapRun = await service.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = innerMapRunArn });
        Assert.That((await WaitAsync(engine, execution)).Status, Is.EqualTo(EngineStatus.SUCCEEDED));
        var endedMapRun = await service.DescribeMapRunAsync(new DescribeMapRunInput { MapRunArn = innerMapRunArn });

        var listed = await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = innerMapRunArn });
        var described = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = runningChildren[1] });
        Assert.Multiple(() =>
        {
            Assert.That(runningDescribed.MapRunArn, Is.EqualTo(innerMapRunArn), "while the nested Map Run runs");
            Assert.That(listed.Executions.Select(e => (e.ExecutionArn, e.Status, e.MapRunArn)).Order(),
                Is.EqualTo(runningChildren.Select(c => (c, ExecutionStatus.Succeeded, (string?)innerMapRunArn)).Order()), "after it ended");
            Assert.That(described.MapRunArn, Is.EqualTo(innerMapRunArn));
            Assert.That((runningMapRun.Status, runningMapRun.ExecutionArn, runningMapRun.ExecutionCounts.Running), Is.EqualTo((MapRunStatus.Running, outerChild, 2L)),
                "DescribeMapRun finds the nested Map Run while it runs, in the child execution that runs it");
            Assert.That((endedMapRun.Status, endedMapRun.ExecutionCounts.Succeeded, endedMapRun.StopDate is not null), Is.EqualTo((MapRunStatus.Succeeded, 2L, true)));
        });
    }

    internal static async Task<string> StartAsync(EngineStepFunctionsService service, string name, string definition, string input)
    {
        var machine = (await service.CreateStateMachineAsync(new CreateStateMachineInput { Name = name, Definition = definition, RoleArn = Role })).StateMachineArn;
        return (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = machine, Input = input })).ExecutionArn;
    }

    /// <summary>The ARN of the first Map Run the execution's history records, once it does.</summary>
    internal static async Task<string> MapRunArnAsync(EngineStepFunctionsService service, string executionArn)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var events = (await service.GetExecutionHistoryAsync(new GetExecutionHistoryInput { ExecutionArn = executionArn })).Events;
            if (events.FirstOrDefault(e => e.MapRunStartedEventDetails is not null)?.MapRunStartedEventDetails?.MapRunArn is { } arn)
                return arn;
            if (clock.Elapsed > Patience)
                Assert.Fail($"{executionArn} started no Map Run within {Patience}");
            await Task.Delay(10);
        }
    }

    /// <summary>The ARNs of the Map Run's children (by input, then ARN), once <paramref name="running"/> of them run.</summary>
    internal static async Task<string[]> ChildrenAsync(EngineStepFunctionsService service, string mapRunArn, int running)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var listed = (await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = mapRunArn })).Executions;
            if (listed.Count(e => e.Status == ExecutionStatus.Running) >= running)
            {
                var inputs = new List<(string Input, string Arn)>();
                foreach (var e in listed)
                    inputs.Add(((await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = e.ExecutionArn })).Input!, e.ExecutionArn));
                return [.. inputs.OrderByDescending(i => i.Input, StringComparer.Ordinal).ThenBy(i => i.Arn, StringComparer.Ordinal).Select(i => i.Arn)];
            }

            if (clock.Elapsed > Patience)
                Assert.Fail($"{running} children of {mapRunArn} were not running within {Patience}");
            await Task.Delay(10);
        }
    }

    internal static async Task<string[]> HistoryTypesAsync(EngineStepFunctionsService service, string executionArn) =>
        [.. (await service.GetExecutionHistoryAsync(new GetExecutionHistoryInput { ExecutionArn = executionArn })).Events.Select(e => e.Type.Value)];

    internal static Task<SageBuild.Engine.Stores.ExecutionRecord> WaitAsync(WorkflowEngine engine, string executionArn) =>
        engine.WaitForExecutionAsync(executionArn).WaitAsync(Patience);
}
