using System.Text.Json;
using SageBuild.Tests.Engine.Api;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Cli.Serve.AwsCliExecutionPolling;
using static SageBuild.Tests.Cli.Serve.ServeLifecycle;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// AWS CLI v1 against <c>sagebuild serve</c> as a child process: a distributed Map's running child is described with
/// its Map Run and stopped on its own; it ends ABORTED, DescribeMapRun counts it, and its tolerant Map goes on.
/// </summary>
public sealed class ServeMapChildAwsCliV1Tests
{
    // The first item's child waits ten minutes, the second's not at all; one unsuccessful item is tolerated.
    private const string Mapped = """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","Label":"Items","ToleratedFailureCount":1,"End":true,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Hold","States":{
            "Hold":{"Type":"Wait","SecondsPath":"$","End":true}}}}}}
        """;

    [Test]
    public async Task CLI_v1_describes_a_running_child_with_its_Map_Run_and_stops_it_on_its_own()
    {
        var cli = await AwsCli.GetAsync("v1");
        await using var serve = await ServeProcess.StartAsync();
        Task<ExternalProcess.Result> Aws(params string[] a) => cli.StepFunctionsAsync(serve.EndpointUrl, "AKIDANY", "any-secret", a);
        AwsCli.Json(await Aws("create-state-machine", "--name", "mapped", "--definition", Mapped, "--role-arn", RoleArn));
        var execution = AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("mapped"), "--input", "[600,0]")).GetProperty("executionArn").GetString()!;

        var mapRunArn = await MapRunArnAsync(Aws, execution);
        var child = await RunningChildAsync(Aws, mapRunArn);
        var running = AwsCli.Json(await Aws("describe-execution", "--execution-arn", child));
        AwsCli.Json(await Aws("stop-execution", "--execution-arn", child, "--error", "Halt", "--cause", "by the CLI"));
        var stopped = AwsCli.Json(await Aws("describe-execution", "--execution-arn", child));
        var parent = await EndedAsync(Aws, execution);
        var events = AwsCli.Json(await Aws("get-execution-history", "--execution-arn", child)).GetProperty("events").EnumerateArray().ToList();
        var mapRun = AwsCli.Json(await Aws("describe-map-run", "--map-run-arn", mapRunArn));
        Assert.Multiple(() =>
        {
            Assert.That((running.GetProperty("status").GetString(), running.GetProperty("mapRunArn").GetString()), Is.EqualTo(("RUNNING", mapRunArn)));
            Assert.That(running.GetProperty("stateMachineArn").GetString(), Is.EqualTo(StateMachineArn("mapped/Items")));
            Assert.That((stopped.GetProperty("status").GetString(), stopped.GetProperty("error").GetString(), stopped.GetProperty("cause").GetString()),
                Is.EqualTo(("ABORTED", "Halt", "by the CLI")));
            Assert.That(stopped.TryGetProperty("stopDate", out _), Is.True, stopped.ToString());
            Assert.That(stopped.GetProperty("mapRunArn").GetString(), Is.EqualTo(mapRunArn));
            Assert.That(events[^1].GetProperty("type").GetString(), Is.EqualTo("ExecutionAborted"));
            Assert.That(parent.GetProperty("status").GetString(), Is.EqualTo("SUCCEEDED"), "the Map tolerates one unsuccessful item: " + parent);
            var counts = mapRun.GetProperty("executionCounts");
            Assert.That((mapRun.GetProperty("status").GetString(), counts.GetProperty("aborted").GetInt64(), counts.GetProperty("succeeded").GetInt64()),
                Is.EqualTo(("SUCCEEDED", 1L, 1L)), mapRun.ToString());
        });
    }

    private static async Task<string> MapRunArnAsync(Func<string[], Task<ExternalProcess.Result>> aws, string execution)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var events = AwsCli.Json(await aws(["get-execution-history", "--execution-arn", execution])).GetProperty("events").EnumerateArray();
            foreach (var e in events)
            {
                if (e.TryGetProperty("mapRunStartedEventDetails", out var details))
                    return details.GetProperty("mapRunArn").GetString()!;
            }

            if (DateTimeOffset.UtcNow > deadline)
                Assert.Fail($"{execution} started no Map Run within 60 s");
            await Task.Delay(200);
        }
    }

    private static async Task<string> RunningChildAsync(Func<string[], Task<ExternalProcess.Result>> aws, string mapRunArn)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var listed = AwsCli.Json(await aws(["list-executions", "--map-run-arn", mapRunArn])).GetProperty("executions").EnumerateArray().ToList();
            // The second item's child ends at once; the first one's waits.
            if (listed.Count == 2 && listed.SingleOrDefault(e => e.GetProperty("status").GetString() == "RUNNING") is { ValueKind: JsonValueKind.Object } child)
                return child.GetProperty("executionArn").GetString()!;
            if (DateTimeOffset.UtcNow > deadline)
                Assert.Fail($"{mapRunArn} had no running child beside an ended one within 60 s");
            await Task.Delay(200);
        }
    }
}
