using System.Text.Json;
using SageBuild.Tests.Engine.Api;
using SageBuild.Tests.Support;
using static SageBuild.Tests.Cli.Serve.AwsCliExecutionPolling;
using static SageBuild.Tests.Cli.Serve.ServeLifecycle;
using static SageBuild.Tests.Engine.Api.Service.MapRunFidelityTests;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// AWS CLI v1 against <c>sagebuild serve --data-dir</c>: describe-map-run of a Map Run that has ended shows its settings
/// as evaluated from paths and its items (not batches), also after the server restarts; get-execution-history shows
/// only the Map Run's ARN in mapRunStartedEventDetails; and a child that reaches 25,000 events fails with States.Runtime.
/// </summary>
public sealed class ServeMapRunAwsCliV1Tests
{
    [Test]
    public async Task CLI_v1_describes_an_ended_Map_Run_as_evaluated_after_a_restart_and_sees_a_child_fail_at_the_history_limit()
    {
        var cli = await AwsCli.GetAsync("v1");
        using var data = new TemporaryDirectory();
        string mapRunArn;
        JsonElement history, child, looping;
        await using (var serve = await ServeProcess.StartAsync("--data-dir", data.Path))
        {
            Task<ExternalProcess.Result> Aws(params string[] a) => cli.StepFunctionsAsync(serve.EndpointUrl, "AKIDANY", "any-secret", a);
            AwsCli.Json(await Aws("create-state-machine", "--name", "batched", "--definition", Batched.Replace("WRITER", "", StringComparison.Ordinal), "--role-arn", RoleArn));
            var execution = AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("batched"), "--input", BatchedInput)).GetProperty("executionArn").GetString()!;
            Assert.That((await EndedAsync(Aws, execution)).GetProperty("status").GetString(), Is.EqualTo("SUCCEEDED"));
            history = AwsCli.Json(await Aws("get-execution-history", "--execution-arn", execution));
            mapRunArn = history.GetProperty("events").EnumerateArray().Single(e => e.TryGetProperty("mapRunStartedEventDetails", out _))
                .GetProperty("mapRunStartedEventDetails").GetProperty("mapRunArn").GetString()!;
            AssertEvaluated(AwsCli.Json(await Aws("describe-map-run", "--map-run-arn", mapRunArn)), "once ended");

            AwsCli.Json(await Aws("create-state-machine", "--name", "looping", "--definition", Looping.Replace("TOLERANCE", "\"ToleratedFailureCount\":1,", StringComparison.Ordinal), "--role-arn", RoleArn));
            var loop = AwsCli.Json(await Aws("start-execution", "--state-machine-arn", StateMachineArn("looping"), "--input", LoopingInput)).GetProperty("executionArn").GetString()!;
            looping = await EndedAsync(Aws, loop);
            var loopMapRunArn = AwsCli.Json(await Aws("get-execution-history", "--execution-arn", loop)).GetProperty("events").EnumerateArray()
                .Single(e => e.TryGetProperty("mapRunStartedEventDetails", out _)).GetProperty("mapRunStartedEventDetails").GetProperty("mapRunArn").GetString()!;
            var children = AwsCli.Json(await Aws("list-executions", "--map-run-arn", loopMapRunArn)).GetProperty("executions").EnumerateArray();
            child = AwsCli.Json(await Aws("describe-execution", "--execution-arn", children.Single(c => c.GetProperty("status").GetString() == "FAILED").GetProperty("executionArn").GetString()!));
        }

        await using var restarted = await ServeProcess.StartAsync("--data-dir", data.Path);
        var afterRestart = AwsCli.Json(await cli.StepFunctionsAsync(restarted.EndpointUrl, "AKIDANY", "any-secret", "describe-map-run", "--map-run-arn", mapRunArn));
        AssertEvaluated(afterRestart, "after a restart");
        Assert.Multiple(() =>
        {
            var details = history.GetProperty("events").EnumerateArray().Single(e => e.TryGetProperty("mapRunStartedEventDetails", out _)).GetProperty("mapRunStartedEventDetails");
            Assert.That(details.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "mapRunArn" }), "the history shows what AWS shows of a MapRunStarted");
            Assert.That(looping.GetProperty("status").GetString(), Is.EqualTo("SUCCEEDED"), "the Map tolerates the child that failed: " + looping);
            Assert.That((child.GetProperty("status").GetString(), child.GetProperty("error").GetString(), child.GetProperty("cause").GetString()),
                Is.EqualTo(("FAILED", "States.Runtime", "The execution reached the maximum number of history events (25000).")));
        });
    }

    private static void AssertEvaluated(JsonElement mapRun, string when)
    {
        var items = mapRun.GetProperty("itemCounts");
        var executions = mapRun.GetProperty("executionCounts");
        Assert.Multiple(() =>
        {
            Assert.That((mapRun.GetProperty("maxConcurrency").GetInt32(), mapRun.GetProperty("toleratedFailureCount").GetInt64(), mapRun.GetProperty("toleratedFailurePercentage").GetDouble()),
                Is.EqualTo((2, 1L, 40.5)), $"the settings as evaluated from their paths, {when}: {mapRun}");
            Assert.That((items.GetProperty("total").GetInt64(), items.GetProperty("succeeded").GetInt64(), items.GetProperty("failed").GetInt64(), items.GetProperty("resultsWritten").GetInt64()),
                Is.EqualTo((5L, 3L, 2L, 0L)), $"items, not batches, and no ResultWriter, {when}");
            Assert.That((executions.GetProperty("total").GetInt64(), executions.GetProperty("failed").GetInt64()), Is.EqualTo((3L, 1L)), when);
        });
    }
}
