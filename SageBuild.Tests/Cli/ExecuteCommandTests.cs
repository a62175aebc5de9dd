using SageBuild.Cli;
using SageBuild.StateMachines.Json;
using Spectre.Console.Cli.Testing;

namespace SageBuild.Tests.Cli;

public sealed class ExecuteCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("sagebuild-execute-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_succeeding_definition_prints_its_output_and_exits_0()
    {
        var definition = Write("ok.asl.json", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"Next":"P"},"P":{"Type":"Pass","Result":{"model":"v2"},"End":true}}}""");
        var (exit, output) = Run("execute", definition, "--clock", "virtual", "--json");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(output, Is.EqualTo(JsonValue.Parse("""{"status":"SUCCEEDED","output":{"model":"v2"},"error":null,"cause":null}""")));
        });
    }

    [Test]
    public void A_failing_definition_prints_error_and_cause_and_its_history_on_request_and_exits_1()
    {
        var definition = Write("fail.asl.json", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Gate.Closed","Cause":"accuracy too low"}}}""");
        var (exit, output) = Run("execute", definition, "--history", "--input", "@" + Write("input.json", """{"accuracy":0.5}"""));
        var result = (JsonObject)output;
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That((result["status"], result["error"], result["cause"]), Is.EqualTo(((JsonValue)"FAILED", (JsonValue)"Gate.Closed", (JsonValue)"accuracy too low")));
            Assert.That(((JsonArray)result["history"]).Select(e => ((JsonObject)e)["type"].ToString()), Is.EqualTo(new[] { "\"ExecutionStarted\"", "\"FailStateEntered\"", "\"ExecutionFailed\"" }));
        });
    }

    [Test]
    public void A_JSONata_definition_runs_and_prints_its_output()
    {
        var definition = Write("jsonata.asl.json", """
            {"QueryLanguage":"JSONata","StartAt":"Score","States":{
              "Score":{"Type":"Pass","Assign":{"threshold":0.8},"Output":{"accuracy":"{% $states.input.accuracy %}"},"Next":"Gate"},
              "Gate":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.accuracy >= $threshold %}","Next":"Deploy"}],"Default":"Reject"},
              "Deploy":{"Type":"Succeed","Output":"{% 'deploy at ' & $string($states.input.accuracy) %}"},
              "Reject":{"Type":"Fail","Error":"Gate.Closed","Cause":"{% 'accuracy ' & $string($states.input.accuracy) %}"}}}
            """);
        var (exit, output) = Run("execute", definition, "--input", """{"accuracy":0.9}""", "--json");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(((JsonObject)output)["output"], Is.EqualTo((JsonValue)"deploy at 0.9"));
        });
    }

    [Test]
    public void An_invalid_definition_prints_its_errors_and_exits_2()
    {
        var definition = Write("bad.asl.json", """{"StartAt":"Nowhere","States":{"P":{"Type":"Pass","Bogus":1,"End":true}}}""");
        var (exit, output) = Run("execute", definition, "--json");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(((JsonObject)output)["status"], Is.EqualTo((JsonValue)"INVALID"));
            Assert.That(((JsonArray)((JsonObject)output)["errors"]).ToJson(), Does.Contain("Bogus"));
        });
    }

    [Test]
    public void Input_that_is_not_JSON_exits_2()
    {
        var definition = Write("ok.asl.json", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var (exit, output) = Run("execute", definition, "--input", "{not json", "--json");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(((JsonArray)((JsonObject)output)["errors"]).ToJson(), Does.Contain("InvalidExecutionInput"));
        });
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, JsonValue Output) Run(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(SageBuildCommands.Configure);
        var result = app.Run(args);
        return (result.ExitCode, JsonValue.Parse(result.Output));
    }
}
