using System.Diagnostics;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using SageBuild.Functions.Handlers;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// Issue 5's crash test: <c>sagebuild serve --data-dir</c> runs 50 executions (Waits, a Map, a Parallel, Tasks) and is
/// killed with SIGKILL at random moments, 20 times, restarted on the same folder each time. Every execution whose
/// start was answered must end as an uninterrupted run ends, with a history whose ids run 1..n.
/// </summary>
public sealed class ServeCrashTests
{
    private const int Executions = 50;
    private const int Crashes = 20;
    private const string RoleArn = "arn:aws:iam::123456789012:role/crash";

    // Tasks are the pipeline's quality-gate step, in-process in serve; with no gate configured it answers at once.
    private const string Definition = """
        {"StartAt":"Prepare","States":{
          "Prepare":{"Type":"Pass","Parameters":{"n.$":"$.n","wait.$":"$.wait","items.$":"States.ArrayRange(1, 3, 1)"},"Next":"Fan"},
          "Fan":{"Type":"Parallel","ResultPath":"$.fan","Next":"Route","Branches":[
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"End":true,
              "ItemSelector":{"item.$":"$$.Map.Item.Value","n.$":"$.n"},
              "ItemProcessor":{"StartAt":"Gate","States":{
                "Gate":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"quality-gate","Payload":{"config":{}}},
                  "ResultSelector":{"passed.$":"$.Payload.passed"},"ResultPath":"$.gate","Next":"Nap"},
                "Nap":{"Type":"Wait","Seconds":1,"Next":"Mark"},
                "Mark":{"Type":"Pass","Parameters":{"product.$":"States.MathAdd($.item, $.n)","passed.$":"$.gate.passed"},"End":true}}}}}},
            {"StartAt":"Sleep","States":{
              "Sleep":{"Type":"Wait","SecondsPath":"$.wait","Next":"Check"},
              "Check":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:quality-gate","Parameters":{"config":{}},
                "ResultSelector":{"reason.$":"$.reason"},"End":true}}}]},
          "Route":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThanEquals":40,"Next":"Late"}],"Default":"Early"},
          "Late":{"Type":"Wait","Seconds":1,"Next":"Early"},
          "Early":{"Type":"Pass","End":true}}}
        """;

    [Test]
    public async Task Executions_end_as_uninterrupted_runs_do_after_twenty_kills_and_none_acknowledged_is_lost()
    {
        var inputs = Enumerable.Range(0, Executions).Select(n => $$"""{"n":{{n}},"wait":{{1 + (n % 3)}}}""").ToArray();
        var expected = await UninterruptedOutputsAsync(inputs);
        using var folder = new TemporaryDirectory();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        await TestContext.Progress.WriteLineAsync($"crash test: seed {seed}");
        var acknowledged = new Dictionary<int, string>();
        var resumed = 0;
        string? machineArn = null;
        var clock = Stopwatch.StartNew();

        for (var life = 0; life <= Crashes; life++)
        {
            await using var serve = await ServeProcess.StartAsync("--data-dir", folder.Path);
            resumed += serve.ResumedExecutions;
            using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = new Uri(serve.EndpointUrl), SignRequests = false, Timeout = TimeSpan.FromSeconds(20) });
            machineArn ??= (await client.CreateStateMachineAsync(new CreateStateMachineInput { Name = "crashy", Definition = Definition, RoleArn = RoleArn })).StateMachineArn;
            if (life == Crashes)
            {
                await StartRemainingAsync(client, machineArn, inputs, acknowledged, int.MaxValue, CancellationToken.None);
                break;
            }

            // Starts go on while the server is killed: only those answered count as acknowledged.
            using var starting = new CancellationTokenSource();
            var starts = StartRemainingAsync(client, machineArn, inputs, acknowledged, 1 + random.Next(5), starting.Token);
            await Task.Delay(random.Next(100, 1800));
            await serve.KillAsync();
            await starting.CancelAsync();
            await IgnoreFailuresOfAsync(starts);
        }

        await using (var last = await ServeProcess.StartAsync("--data-dir", folder.Path))
        {
            using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = new Uri(last.EndpointUrl), SignRequests = false, Timeout = TimeSpan.FromSeconds(20) });
            Assert.That(acknowledged, Has.Count.EqualTo(Executions));
            Assert.That(resumed, Is.GreaterThanOrEqualTo(10), "the kills interrupted executions, which later servers resumed");
            foreach (var (n, arn) in acknowledged.OrderBy(a => a.Key))
            {
                var result = await UntilEndedAsync(client, arn);
                Assert.That((result.Status.Value, result.Error, result.Cause), Is.EqualTo(("SUCCEEDED", (string?)null, (string?)null)), $"execution {n} ({arn})");
                Assert.That(JsonValue.Parse(result.Output!), Is.EqualTo(expected[n]), $"execution {n} ends with the output of an uninterrupted run");
                var history = (await client.GetExecutionHistoryAsync(new GetExecutionHistoryInput { ExecutionArn = arn, MaxResults = 1000 })).Events;
                Assert.That(history.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, history.Count).Select(i => (long)i)), $"execution {n}: event ids run 1..n");
                Assert.That(history.Count(e => e.Type.Value == "ExecutionStarted"), Is.EqualTo(1));
            }
        }

        await TestContext.Progress.WriteLineAsync($"crash test: {Crashes} kills, {Executions} executions, {resumed} resumptions, {clock.Elapsed.TotalSeconds:0} s");
    }

    private static async Task StartRemainingAsync(StepFunctionsClient client, string machineArn, string[] inputs, Dictionary<int, string> acknowledged, int count, CancellationToken cancellationToken)
    {
        for (var n = 0; n < inputs.Length && count > 0; n++)
        {
            if (acknowledged.ContainsKey(n))
                continue;
            // A start whose answer was lost in a crash is sent again: while that execution runs, the same name and input
            // give it back (AWS's idempotency); once it has ended, AWS answers ExecutionAlreadyExists, and it is read instead.
            var name = $"run-{n:00}";
            try
            {
                var started = await client.StartExecutionAsync(new StartExecutionInput { StateMachineArn = machineArn, Name = name, Input = inputs[n] }, cancellationToken);
                acknowledged[n] = started.ExecutionArn;
            }
            catch (StepFunctionsException e) when (e.Code == "ExecutionAlreadyExists")
            {
                var arn = machineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;
                var existing = await client.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = arn }, cancellationToken);
                Assert.That(JsonValue.Parse(existing.Input!), Is.EqualTo(JsonValue.Parse(inputs[n])), $"{arn} is the execution this test started");
                acknowledged[n] = arn;
            }

            count--;
        }
    }

    private static async Task IgnoreFailuresOfAsync(Task starts)
    {
        try
        {
            await starts;
        }
#pragma warning disable CA1031 // A start cut by the kill fails in whatever way the connection broke; it was not acknowledged.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static async Task<DescribeExecutionOutput> UntilEndedAsync(StepFunctionsClient client, string arn)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await client.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = arn });
            if (result.Status != SageBuild.Engine.Api.Model.ExecutionStatus.Running)
                return result;
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
                Assert.Fail($"{arn} is still RUNNING 60 s after the last restart");
            await Task.Delay(100);
        }
    }

    // The reference: each input run once, uninterrupted, on the embedded engine with the same quality-gate function.
    private static async Task<JsonValue[]> UninterruptedOutputsAsync(string[] inputs)
    {
        var gate = FunctionCatalog.Steps().Single(h => h.Name == "quality-gate");
        var builder = new EngineBuilder { Options = new EngineOptions { DefaultClock = ExecutionClock.Virtual } }
            .AddLambdaFunction(gate.Name, (payload, _) => ValueTask.FromResult(gate.Handle(payload)));
        await using var engine = builder.Build();
        var machine = engine.CreateStateMachine("crashy", AslJson.Parse(Definition));
        var outputs = new JsonValue[inputs.Length];
        for (var n = 0; n < inputs.Length; n++)
        {
            var result = await engine.ExecuteAsync(machine.StateMachineArn, JsonValue.Parse(inputs[n]));
            Assert.That(result.Status, Is.EqualTo(SageBuild.Engine.Stores.ExecutionStatus.SUCCEEDED), $"the reference run of {inputs[n]}: {result.Error} {result.Cause}");
            outputs[n] = result.Output!;
        }

        return outputs;
    }
}
