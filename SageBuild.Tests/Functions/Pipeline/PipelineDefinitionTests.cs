using System.Diagnostics;
using SageBuild.Cli;
using SageBuild.Functions.Configuration;
using SageBuild.Functions.Pipeline;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Validation;
using SageBuild.Tests.Acceptance;
using SageBuild.Tests.Support;
using Spectre.Console.Cli.Testing;

namespace SageBuild.Tests.Functions.Pipeline;

/// <summary>The emitted definition: valid for SageBuild and for asl-validator, and least privilege.</summary>
public sealed class PipelineDefinitionTests
{
    private static readonly PipelineConfiguration WithHooks = ConfigurationReader.Read("""
        {"hooks": {"etlStateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:etl",
                   "postProcessStateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:post"}}
        """);

    private static IEnumerable<TestCaseData> Shapes()
    {
        yield return new TestCaseData(new PipelineConfiguration()).SetArgDisplayNames("without hooks");
        yield return new TestCaseData(WithHooks).SetArgDisplayNames("with ETL and PostProcess hooks");
    }

    [TestCaseSource(nameof(Shapes))]
    public void Passes_sagebuild_validate(PipelineConfiguration shape)
    {
        using var folder = new TemporaryDirectory();
        var file = folder.File("pipeline.asl.json");
        File.WriteAllText(file, PipelineDefinition.Create(PipelineFixture.Options, shape).ToAslJson());
        var app = new CommandAppTester();
        app.Configure(SageBuildCommands.Configure);

        var result = app.Run("validate", file);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("pipeline.asl.json is valid"));
    }

    [TestCaseSource(nameof(Shapes))]
    public void Passes_asl_validator(PipelineConfiguration shape)
    {
        var asl = PipelineDefinition.Create(PipelineFixture.Options, shape).ToAslJson();
        using var folder = new TemporaryDirectory();
        var batch = folder.File("batch.json");
        File.WriteAllText(batch, JsonArray.Create(JsonObject.Create(("id", "pipeline"), ("definition", asl))).ToJson());
        Assert.That(File.Exists(Path.Combine(AslValidatorOracle.ToolDirectory, "node_modules", "asl-validator", "package.json")), Is.True,
            "npm asl-validator is not installed: run `npm ci` in tools/asl-validator");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AslValidatorOracle.ToolDirectory, "validate-batch.js"));
        start.ArgumentList.Add(batch);
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEnd();
        node.WaitForExit();

        var verdict = (JsonObject)JsonValue.Parse(output.Trim());
        Assert.That(verdict["valid"], Is.EqualTo((JsonValue)true), verdict["errors"].ToJson(indented: true));
    }

    [Test]
    public void Reads_top_to_bottom_from_the_trigger_to_the_end_of_the_build()
    {
        var definition = PipelineDefinition.Create(PipelineFixture.Options).Build();
        var names = definition.States.Select(s => s.Key).ToList();

        Assert.That(definition.StartAt, Is.EqualTo("Prepare"));
        Assert.That(names.Take(3), Is.EqualTo(new[] { "Prepare", "NormaliseTrigger", "AcquireBuildLock" }));
        Assert.That(names, Does.Contain("ReadConfiguration").And.Contain("QualityGate").And.Contain("SmokeTest").And.Contain("ReleaseBuildLock"));
        Assert.That(DefinitionValidator.Validate(definition), Is.Empty);
    }

    [Test]
    public void Every_AWS_task_retries_transient_errors_and_every_wait_has_a_deadline()
    {
        var asl = (JsonObject)JsonValue.Parse(PipelineDefinition.Create(PipelineFixture.Options, WithHooks).ToAslJson());
        var states = (JsonObject)asl["States"];
        var tasks = states.Where(s => ((JsonString)((JsonObject)s.Value)["Type"]).Value == "Task").ToList();

        Assert.That(tasks, Has.Count.GreaterThan(30));
        foreach (var (name, state) in tasks)
            Assert.That(((JsonObject)state).ContainsKey("Retry"), Is.True, $"{name} has no Retry");

        // Both endpoint loops leave through a Choice rule that compares the check time with a deadline.
        var choices = states.Where(s => ((JsonString)((JsonObject)s.Value)["Type"]).Value == "Choice").Select(s => s.Value.ToJson()).ToList();
        Assert.That(choices.Count(c => c.Contains("TimestampGreaterThanPath", StringComparison.Ordinal) && c.Contains("deadline", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(2));
    }

    [Test]
    public void Depends_only_on_the_configurations_deploy_time_shape()
    {
        var plain = PipelineDefinition.Create(PipelineFixture.Options).ToAslJson();
        var runTimeOnly = ConfigurationReader.Read("""
            {"framework": {"name": "tensorflow"}, "training": {"instanceType": "ml.p3.2xlarge", "instanceCount": 4}, "train": true,
             "tuning": {"objective": {"metric": "loss", "type": "Minimize", "regex": "loss=(.*)"}, "integerRanges": [{"name": "units", "min": 8, "max": 64}]},
             "hosting": {"instanceCount": 3}, "deployEndpoint": false, "retention": {"models": 9}}
            """);

        Assert.That(PipelineDefinition.Create(PipelineFixture.Options).ToAslJson(), Is.EqualTo(plain), "the same inputs give the same text");
        Assert.That(PipelineDefinition.Create(PipelineFixture.Options, runTimeOnly).ToAslJson(), Is.EqualTo(plain));
        Assert.That(PipelineDefinition.Create(PipelineFixture.Options, WithHooks).ToAslJson(), Is.Not.EqualTo(plain), "hooks are part of the shape");
    }

    [Test]
    public void Its_IAM_is_least_privilege()
    {
        var statements = PipelineDefinition.Create(PipelineFixture.Options, WithHooks).PolicyStatements();
        var actions = statements.SelectMany(s => s.Actions).ToList();

        Assert.That(actions, Has.None.Contains("*"));
        var passRole = statements.Single(s => s.Actions.Contains("iam:PassRole") && s.Resources.Contains(PipelineFixture.Options.TrainingRoleArn));
        Assert.That(passRole.Conditions.Select(c => string.Join(",", c.Values)), Has.Some.EqualTo("sagemaker.amazonaws.com"));
        foreach (var statement in statements.Where(s => s.Actions.Any(a => a.StartsWith("sagemaker:", StringComparison.Ordinal))))
        {
            foreach (var resource in statement.Resources)
            {
                Assert.That(resource, Does.Contain("sagebuild-dev-").Or.Contain("StepFunctionsGetEvents"),
                    $"{string.Join(",", statement.Actions)} is granted on {resource}, beyond the stack's own names");
            }
        }

        Assert.That(statements.SelectMany(s => s.Resources), Has.None.EqualTo("*"));
    }
}
