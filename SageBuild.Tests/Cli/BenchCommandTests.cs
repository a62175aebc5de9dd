using SageBuild.Cli;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;
using Spectre.Console.Cli.Testing;

namespace SageBuild.Tests.Cli;

/// <summary>
/// <c>sagebuild bench</c> at a small scale: both engines run every workload in the same run, transitions are counted
/// from SageBuild's histories, the INLINE Map over 20,000 items fails on the history limit, and the memory check
/// reports. No timing is asserted: speed is reported, not tested.
/// </summary>
public sealed class BenchCommandTests
{
    [Test]
    public void Reports_every_workload_on_SageBuild_and_aws_local_stepfunctions_with_their_ratio()
    {
        var peer = RepositoryPaths.NpmTool("aws-local-stepfunctions");
        var (exit, output) = Run("bench", "--scale", "0.02", "--rounds", "1", "--memory-executions", "200", "--peer-dir", peer, "--json");
        var report = (JsonObject)output;
        var rows = ((JsonArray)report["rows"]).Cast<JsonObject>().ToList();
        var inline = (JsonObject)report["inlineLimit"];
        var memory = (JsonObject)report["memory"];
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(rows.Select(r => ((JsonString)r["workload"]).Value), Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
            Assert.That(rows.Select(r => r["ratio"]), Has.All.InstanceOf<JsonNumber>(), "each workload was measured on the peer too");
            Assert.That(rows.Select(r => ((JsonNumber)r["transitions"]).Value), Has.All.GreaterThan(0));
            Assert.That(((JsonString)inline["status"]).Value, Is.EqualTo("FAILED"));
            Assert.That(((JsonString)inline["cause"]).Value, Does.Contain("25000"));
            Assert.That(((JsonNumber)memory["executions"]).Value, Is.EqualTo(200));
            Assert.That(((JsonNumber)memory["heapAfter"]).Value, Is.GreaterThan(0));
        });
    }

    [Test]
    public void The_JSONata_variant_runs_every_workload_and_reports_its_ratio_to_the_JSONPath_variant()
    {
        var (exit, output) = Run("bench", "--query-language", "JSONata", "--scale", "0.02", "--rounds", "1", "--inline-items", "0", "--memory-executions", "0", "--json");
        var rows = ((JsonArray)((JsonObject)output)["rows"]).Cast<JsonObject>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(rows.Select(r => ((JsonString)r["workload"]).Value), Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
            Assert.That(rows.Select(r => ((JsonString)r["title"]).Value), Has.All.EndsWith("[JSONata]"));
            Assert.That(rows.Select(r => r["jsonataToJsonPathRatio"]), Has.All.InstanceOf<JsonNumber>(), "each workload was measured in JSONPath too");
            Assert.That(rows.Select(r => r["ratio"]), Has.All.InstanceOf<JsonNull>(), "no peer runs JSONata");
            Assert.That(rows.Select(r => ((JsonNumber)r["transitions"]).Value), Has.All.GreaterThan(0));
        });
    }

    [TestCase("--workload", "f", "--workload takes a,b,c,d,e")]
    [TestCase("--scale", "0", "--scale must be above 0")]
    [TestCase("--rounds", "0", "--rounds is 1 to 50")]
    public void Bad_options_are_named(string option, string value, string message)
    {
        var app = new CommandAppTester();
        app.Configure(SageBuildCommands.Configure);
        var result = Assert.Catch(() => app.Run("bench", option, value));
        Assert.That(result!.Message, Does.Contain(message));
    }

    private static (int Exit, JsonValue Output) Run(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(SageBuildCommands.Configure);
        var result = app.Run(args);
        return (result.ExitCode, JsonValue.Parse(result.Output));
    }
}
