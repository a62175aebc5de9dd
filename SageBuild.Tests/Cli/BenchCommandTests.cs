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
    public void The_JSONata_variant_is_refused_with_a_pointer_to_issue_4()
    {
        var app = new CommandAppTester();
        app.Configure(SageBuildCommands.Configure);
        var result = app.Run("bench", "--query-language", "JSONata", "--no-peer");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Output, Does.Contain("issue 4"));
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
