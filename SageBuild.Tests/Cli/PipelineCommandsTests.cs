using SageBuild.Cli;
using SageBuild.Functions.Pipeline;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;
using Spectre.Console.Cli.Testing;

namespace SageBuild.Tests.Cli;

public sealed class PipelineCommandsTests
{
    private static CommandAppResult Run(params string[] args)
    {
        var app = new CommandAppTester(new CommandAppTesterSettings { TrimConsoleOutput = false });
        app.Configure(SageBuildCommands.Configure);
        return app.Run(args);
    }

    [Test]
    public void Pipeline_show_prints_exactly_the_definition_the_local_engine_runs()
    {
        var result = Run("pipeline", "show");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output.Trim(), Is.EqualTo(PipelineDefinition.Create(PipelineOptions.Local()).ToAslJson().Trim()));
    }

    [Test]
    public void Pipeline_show_with_a_config_adds_its_hooks_and_draws_mermaid()
    {
        using var folder = new TemporaryDirectory();
        var config = folder.File("config.json");
        File.WriteAllText(config, """{"hooks": {"etlStateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:etl"}}""");

        var asl = Run("pipeline", "show", "--config", config);
        var mermaid = Run("pipeline", "show", "--config", config, "--format", "mermaid");

        Assert.That(asl.Output, Does.Contain("\"RunEtl\"").And.Contain("stateMachine:etl"));
        Assert.That(mermaid.Output, Does.StartWith("flowchart").And.Contain("RunEtl"));
    }

    [Test]
    public void Pipeline_show_with_a_deployment_prints_the_definition_of_those_resources()
    {
        using var folder = new TemporaryDirectory();
        var deployment = folder.File("deployment.json");
        var options = PipelineOptions.Local("dev") with { LedgerTableName = "team-ledger", StatusTopicArn = "arn:aws:sns:eu-west-1:111122223333:team-status" };
        File.WriteAllText(deployment, options.ToJson().ToJson(indented: true));

        var result = Run("pipeline", "show", "--deployment", deployment);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output.Trim(), Is.EqualTo(PipelineDefinition.Create(options).ToAslJson().Trim()));
        Assert.That(result.Output, Does.Contain("team-ledger").And.Contain("arn:aws:sns:eu-west-1:111122223333:team-status"));
    }

    [Test]
    public void Pipeline_show_names_every_missing_or_unknown_key_of_a_deployment_and_exits_1()
    {
        using var folder = new TemporaryDirectory();
        var deployment = folder.File("deployment.json");
        File.WriteAllText(deployment, PipelineOptions.Local().ToJson().Without("ledgerTableName").With("ledgerTable", "typo").ToJson());
        var error = new StringWriter();
        var before = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.That(Run("pipeline", "show", "--deployment", deployment).ExitCode, Is.EqualTo(1));
        }
        finally
        {
            Console.SetError(before);
        }

        Assert.That(error.ToString(), Does.Contain("ledgerTableName: is required").And.Contain("ledgerTable: unknown key"));
    }

    [Test]
    public void Pipeline_show_names_the_key_of_a_bad_config_and_exits_1()
    {
        using var folder = new TemporaryDirectory();
        var config = folder.File("config.json");
        File.WriteAllText(config, """{"training": {"instanceCount": 0}}""");
        var error = new StringWriter();
        var before = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.That(Run("pipeline", "show", "--config", config).ExitCode, Is.EqualTo(1));
        }
        finally
        {
            Console.SetError(before);
        }

        Assert.That(error.ToString(), Does.Contain("training.instanceCount: must be ≥ 1"));
    }

    [Test]
    public void Functions_list_names_every_handler_with_its_handler_string()
    {
        var lines = Run("functions", "list", "--json").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonValue.Parse(l)).ToList();
        Assert.That(lines.Select(l => ((JsonString)l["name"]).Value), Is.EquivalentTo(new[]
            { "trigger", "resolve-config", "training-config", "quality-gate", "model-config", "endpoint-config", "notification", "ledger-record", "retention", "alexa", "start-build", "github-webhook" }));
        Assert.That(lines.Single(l => l["name"] == (JsonValue)"alexa")["handler"], Is.EqualTo((JsonValue)"SageBuild.Functions::SageBuild.Functions.Alexa.AlexaFunction::InvokeAsync"), "the deployed skill calls the Step Functions API asynchronously");
    }

    [Test]
    public void Functions_invoke_runs_a_handler_with_a_payload_file_and_prints_its_response()
    {
        using var folder = new TemporaryDirectory();
        var payload = folder.File("event.json");
        File.WriteAllText(payload, """{"version": "1.0", "request": {"type": "LaunchRequest", "requestId": "r1", "timestamp": "2026-11-25T10:00:00Z", "locale": "en-US"}}""");

        var result = Run("functions", "invoke", "alexa", "--payload", "@" + payload);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(((JsonString)((JsonObject)((JsonObject)((JsonObject)JsonValue.Parse(result.Output))["response"])["outputSpeech"])["text"]).Value, Does.StartWith("Welcome to SageBuild."));
    }

    [Test]
    public void Functions_invoke_reports_a_handlers_error_as_Lambda_does()
    {
        var result = Run("functions", "invoke", "resolve-config", "--payload", """{"document": "{\"train\": false}"}""");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        var error = (JsonObject)JsonValue.Parse(result.Output);
        Assert.That(error["errorType"], Is.EqualTo((JsonValue)"ConfigurationException"));
        Assert.That(((JsonString)error["errorMessage"]).Value, Does.Contain("modelArtifacts: is required when train is false"));
    }
}
