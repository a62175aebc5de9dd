using System.Collections.Concurrent;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Service;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Api.Service;

/// <summary>
/// RedriveExecution on a real engine: an execution that failed runs again from its unsuccessful state(s), and what
/// succeeded before (states, Parallel branches, Map iterations) is not run again.
/// </summary>
public sealed class RedriveExecutionTests
{
    private const string Role = "arn:aws:iam::123456789012:role/r";

    // Calls per function (and, for "item", per Map item): the proof of what ran again.
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    // In the Parallel test, "flaky" fails only once "steady" has answered and its branch had time to record it: failing
    // first, it could abort that branch, which the redrive then ran again (a race seen once in CI-like load).
    private TaskCompletionSource _steadyAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _flakyWaitsForSteady;

    // NUnit runs every test on one instance of the fixture.
    [SetUp]
    public void ForgetCalls()
    {
        _calls.Clear();
        _steadyAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _flakyWaitsForSteady = false;
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_task_that_failed_once_is_redriven_to_SUCCEEDED_without_running_the_states_before_it(bool sqlite)
    {
        using var folder = new TemporaryDirectory();
        await using var engine = Build(sqlite ? new EngineBuilder().UseSqlite(folder.File("redrive.db")) : new EngineBuilder());
        var service = new EngineStepFunctionsService(engine);
        var arn = await CreateAsync(service, "flaky", """
            {"StartAt":"Before","States":{
              "Before":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:before","Next":"Flaky"},
              "Flaky":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky","End":true}}}
            """);
        var execution = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn, Input = """{"n":1}""" })).ExecutionArn;
        await engine.WaitForExecutionAsync(execution);
        var failed = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution });

        var redrive = await service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution, ClientToken = "once" });
        var ended = await engine.WaitForExecutionAsync(execution);
        var described = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution });
        var again = await service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution, ClientToken = "once" });
        var history = (await service.GetExecutionHistoryAsync(new GetExecutionHistoryInput { ExecutionArn = execution })).Events;
        var redriven = await service.ListExecutionsAsync(new ListExecutionsInput { StateMachineArn = arn, RedriveFilter = ExecutionRedriveFilter.Redriven });
        var notRedriven = await service.ListExecutionsAsync(new ListExecutionsInput { StateMachineArn = arn, RedriveFilter = ExecutionRedriveFilter.NotRedriven });
        var types = history.Select(e => e.Type.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((failed.Status, failed.RedriveStatus, failed.RedriveCount), Is.EqualTo((ExecutionStatus.Failed, ExecutionRedriveStatus.Redrivable, (int?)0)));
            Assert.That(ended.Status, Is.EqualTo(SageBuild.Engine.Stores.ExecutionStatus.SUCCEEDED));
            Assert.That(ended.Output?.ToJson(), Is.EqualTo("""{"n":1,"before":1,"flaky":2}"""));
            Assert.That((_calls["before"], _calls["flaky"]), Is.EqualTo((1, 2)), "Before is not run again; Flaky is");
            Assert.That((described.Status, described.RedriveCount, described.RedriveDate, described.RedriveStatus),
                Is.EqualTo((ExecutionStatus.Succeeded, (int?)1, (DateTimeOffset?)redrive.RedriveDate, ExecutionRedriveStatus.NotRedrivable)));
            Assert.That(again.RedriveDate, Is.EqualTo(redrive.RedriveDate), "the same clientToken answers the same redrive");
            Assert.That(types.IndexOf("ExecutionFailed"), Is.LessThan(types.IndexOf("ExecutionRedriven")));
            Assert.That(types[^1], Is.EqualTo("ExecutionSucceeded"));
            Assert.That(types.Count(t => t == "TaskStateEntered"), Is.EqualTo(3), "Before once, Flaky twice");
            Assert.That(history.Single(e => e.Type.Value == "ExecutionRedriven").ExecutionRedrivenEventDetails?.RedriveCount, Is.EqualTo(1));
            Assert.That(history.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, history.Count).Select(i => (long)i)), "ids go on after the redrive");
            Assert.That(redriven.Executions.Select(e => (e.ExecutionArn, e.RedriveCount)), Is.EqualTo(new[] { (execution, (int?)1) }));
            Assert.That(notRedriven.Executions, Is.Empty);
        });
    }

    [Test]
    public async Task A_redriven_execution_left_running_resumes_after_a_restart_from_where_the_redrive_went()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("redrive.db");
        const string definition = """
            {"StartAt":"Before","States":{
              "Before":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:before","Next":"Flaky"},
              "Flaky":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky","Next":"Pause"},
              "Pause":{"Type":"Wait","Seconds":1,"End":true}}}
            """;
        string execution;
        await using (var engine = Build(new EngineBuilder().UseSqlite(database)))
        {
            var service = new EngineStepFunctionsService(engine);
            var arn = await CreateAsync(service, "paused", definition);
            execution = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn, Input = "{}" })).ExecutionArn;
            await engine.WaitForExecutionAsync(execution);
            await service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution });
            // Disposed once the redriven run waits: were it disposed during Flaky's call, the resumed run would call
            // Flaky again (at least once, by design) and the count below would be 3.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while ((await engine.GetExecutionHistoryAsync(execution)).SkipWhile(e => e.Type != SageBuild.Engine.History.HistoryEventType.ExecutionRedriven)
                   .All(e => e.Type != SageBuild.Engine.History.HistoryEventType.WaitStateEntered))
            {
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the redriven run did not reach its Wait");
                await Task.Delay(10);
            }
        }

        // The engine was disposed while the redriven run waited: it is RUNNING in the store, and resumes.
        await using (var engine = Build(new EngineBuilder().UseSqlite(database)))
        {
            var resumed = await engine.ResumeAsync();
            var ended = await engine.WaitForExecutionAsync(execution);
            var history = await engine.GetExecutionHistoryAsync(execution);
            Assert.Multiple(() =>
            {
                Assert.That(resumed, Is.EqualTo(new[] { execution }));
                Assert.That(ended.Status, Is.EqualTo(SageBuild.Engine.Stores.ExecutionStatus.SUCCEEDED), ended.Cause);
                Assert.That((_calls["before"], _calls["flaky"]), Is.EqualTo((1, 2)));
                Assert.That(history.Count(e => e.Type == SageBuild.Engine.History.HistoryEventType.ExecutionRedriven), Is.EqualTo(1));
                Assert.That(history[^1].Type, Is.EqualTo(SageBuild.Engine.History.HistoryEventType.ExecutionSucceeded));
            });
        }
    }

    [Test]
    public async Task Only_the_failed_Parallel_branch_runs_again()
    {
        _flakyWaitsForSteady = true;
        await using var engine = Build(new EngineBuilder());
        var service = new EngineStepFunctionsService(engine);
        var arn = await CreateAsync(service, "parallel", """
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Steady","States":{"Steady":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:steady","End":true}}},
              {"StartAt":"Flaky","States":{"Flaky":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky","End":true}}}]}}}
            """);
        var ended = await FailThenRedriveAsync(engine, service, arn, "{}");
        Assert.Multiple(() =>
        {
            Assert.That(ended.Status, Is.EqualTo(SageBuild.Engine.Stores.ExecutionStatus.SUCCEEDED));
            Assert.That((_calls["steady"], _calls["flaky"]), Is.EqualTo((1, 2)));
            Assert.That(ended.Output?.ToJson(), Is.EqualTo("""[{"steady":1},{"flaky":2}]"""));
        });
    }

    [Test]
    public async Task Only_the_failed_and_unstarted_Map_iterations_run_again()
    {
        await using var engine = Build(new EngineBuilder());
        var service = new EngineStepFunctionsService(engine);
        var arn = await CreateAsync(service, "map", """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","MaxConcurrency":1,"End":true,
              "ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:item","End":true}}}}}}
            """);
        var ended = await FailThenRedriveAsync(engine, service, arn, "[1,2,3]");
        Assert.Multiple(() =>
        {
            Assert.That(ended.Status, Is.EqualTo(SageBuild.Engine.Stores.ExecutionStatus.SUCCEEDED));
            Assert.That((_calls["item1"], _calls["item2"], _calls["item3"]), Is.EqualTo((1, 2, 1)), "item 1 succeeded before and replays");
            Assert.That(ended.Output?.ToJson(), Is.EqualTo("[1,2,3]"));
        });
    }

    [Test]
    public async Task Succeeded_running_and_Express_executions_are_not_redrivable()
    {
        await using var engine = Build(new EngineBuilder());
        var service = new EngineStepFunctionsService(engine);
        var pass = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
        var hold = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}""";
        var succeeded = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = await CreateAsync(service, "pass", pass) })).ExecutionArn;
        await engine.WaitForExecutionAsync(succeeded);
        var running = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = await CreateAsync(service, "hold", hold) })).ExecutionArn;
        var express = (await service.CreateStateMachineAsync(new CreateStateMachineInput { Name = "fast", Definition = pass, RoleArn = Role, Type = StateMachineType.Express })).StateMachineArn;
        var expressRun = (await service.StartSyncExecutionAsync(new StartSyncExecutionInput { StateMachineArn = express })).ExecutionArn;
        string Refusal(string execution)
        {
            var e = Assert.ThrowsAsync<StepFunctionsException>(() => service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution }))!;
            return $"{e.Code}: {e.Message}";
        }

        var runningStatus = (await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = running })).RedriveStatus;
        Assert.Multiple(() =>
        {
            Assert.That(Refusal(succeeded), Does.StartWith("ExecutionNotRedrivable: ").And.Contain("Execution is SUCCEEDED and cannot be redriven"));
            Assert.That(Refusal(running), Does.StartWith("ExecutionNotRedrivable: ").And.Contain("Execution is RUNNING and cannot be redriven"));
            Assert.That(Refusal(expressRun), Does.StartWith("ExecutionNotRedrivable: ").And.Contain("Express executions cannot be redriven"));
            Assert.That(runningStatus, Is.EqualTo(ExecutionRedriveStatus.NotRedrivable));
        });
        await engine.StopExecutionAsync(running);
    }

    private static async Task<SageBuild.Engine.Stores.ExecutionRecord> FailThenRedriveAsync(WorkflowEngine engine, EngineStepFunctionsService service, string arn, string input)
    {
        var execution = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn, Input = input })).ExecutionArn;
        var failed = await engine.WaitForExecutionAsync(execution);
        Assert.That(failed.Status, Is.EqualTo(SageBuild.Engine.Stores.ExecutionStatus.FAILED), "the first run fails");
        await service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution });
        return await engine.WaitForExecutionAsync(execution);
    }

    // "flaky" fails on its first call; "item" fails on the first call for item 2. Each answers with its call count.
    private WorkflowEngine Build(EngineBuilder builder) => builder
        .AddLambdaFunction("before", (payload, _) => Answer(payload, "before"))
        .AddLambdaFunction("steady", (_, _) =>
        {
            var answer = JsonObject.Create(("steady", Count("steady")));
            _steadyAnswered.TrySetResult();
            return ValueTask.FromResult<JsonValue>(answer);
        })
        .AddLambdaFunction("flaky", async (payload, cancellationToken) =>
        {
            if (Count("flaky") == 1)
            {
                if (_flakyWaitsForSteady)
                {
                    await _steadyAnswered.Task.ConfigureAwait(false);
                    await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                }

                throw new LambdaFunctionException("Flaky.Error", "the first call fails");
            }

            return payload is JsonObject ? await Answer(payload, "flaky", counted: true).ConfigureAwait(false) : JsonNull.Instance;
        })
        .AddLambdaFunction("item", (payload, _) =>
        {
            var item = (int)((JsonNumber)payload).Value;
            return Count($"item{item}") == 1 && item == 2
                ? throw new LambdaFunctionException("Item.Error", "item 2 fails on its first call")
                : ValueTask.FromResult(payload);
        })
        .Build();

    private int Count(string name) => _calls.AddOrUpdate(name, 1, (_, n) => n + 1);

    private ValueTask<JsonValue> Answer(JsonValue payload, string name, bool counted = false) =>
        ValueTask.FromResult<JsonValue>(((JsonObject)payload).With(name, counted ? _calls[name] : Count(name)));

    private static async Task<string> CreateAsync(EngineStepFunctionsService service, string name, string definition) =>
        (await service.CreateStateMachineAsync(new CreateStateMachineInput { Name = name, Definition = definition, RoleArn = Role })).StateMachineArn;
}
