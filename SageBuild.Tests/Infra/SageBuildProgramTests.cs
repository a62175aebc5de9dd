using SageBuild.Infra.Configuration;
using SageBuild.Infra.Model;
using SageBuild.Infra.Pipeline;
using SageBuild.Infra.Stack;
using SageBuild.Functions.Handlers;

namespace SageBuild.Tests.Infra;

/// <summary>The stack's program, built in-process with the SageBuild pipeline: the choices the mock runtime can't see.</summary>
public sealed class SageBuildProgramTests
{
    private static (PulumiProgram Program, RecordingPipeline Pipeline) Build(params (string Key, string Value)[] config)
    {
        var settings = InfraSettingsReader.Read(new StackEnvironment
        {
            Stack = "dev",
            Project = "sagebuild",
            Config = new[] { ("sagebuild:branch", "dev") }.Concat(config).ToDictionary(c => c.Item1, c => c.Item2),
        });
        var pipeline = new RecordingPipeline(PipelineCatalog.Deployed);
        return (SageBuildProgram.Build(settings, pipeline), pipeline);
    }

    private static PropertyValue At(MapValue map, params string[] path)
    {
        PropertyValue value = map;
        foreach (var key in path)
            value = ((MapValue)value)[key] ?? throw new AssertionException($"no '{key}' in {PulumiYaml.WriteValue(value)}");
        return value;
    }

    [Test]
    public void The_configuration_parameter_keeps_edits_made_at_run_time()
    {
        var parameter = Build().Program.Resource("configParameter");
        Assert.That(parameter.Options.IgnoreChanges, Is.EqualTo(new[] { "value" }));
        Assert.That(At(parameter.Properties, "name"), Is.EqualTo(PropertyValue.Text("/sagebuild/dev/config")));
        Assert.That(At(parameter.Properties, "value"), Is.TypeOf<FunctionCall>().With.Property("Name").EqualTo("toJSON"));
    }

    [Test]
    public void Every_function_runs_dotnet10_from_the_published_package_with_its_own_log_group_and_retention()
    {
        var (program, pipeline) = Build(("sagebuild:logRetentionDays", "60"));
        var handlers = pipeline.Description!.Functions;
        Assert.That(handlers.Select(h => h.Name), Is.EqualTo(FunctionCatalog.Steps().Select(h => h.Name).Concat(["start-build", "alexa"])),
            "every step of the pipeline, the trigger and Alexa; the GitHub webhook only with a GitHub source");
        foreach (var handler in handlers)
        {
            var logical = char.ToLowerInvariant(handler.Name[0]) + string.Concat(handler.Name.Split('-').Select((w, i) => i == 0 ? w[1..] : char.ToUpperInvariant(w[0]) + w[1..]));
            var function = program.Resource(logical + "Function");
            var logGroup = program.Resource(logical + "LogGroup");
            Assert.That(At(function.Properties, "runtime"), Is.EqualTo(PropertyValue.Text("dotnet10")));
            Assert.That(At(function.Properties, "handler"), Is.EqualTo(PropertyValue.Text(handler.Handler)));
            Assert.That(At(function.Properties, "code"), Is.EqualTo(FunctionCall.FileArchive("./artifacts/functions")));
            Assert.That(At(function.Properties, "loggingConfig", "logGroup"), Is.EqualTo((PropertyValue)logGroup.Output("name")));
            Assert.That(At(logGroup.Properties, "name"), Is.EqualTo(PropertyValue.Text("/aws/lambda/sagebuild-dev-" + handler.Name)));
            Assert.That(At(logGroup.Properties, "retentionInDays"), Is.EqualTo(PropertyValue.Number(60)));
            Assert.That(function.Options.DependsOn, Does.Contain(logGroup), "Lambda would otherwise create the group itself, with no retention");
        }
    }

    [Test]
    public void Every_handler_string_names_a_public_entry_point_the_managed_runtime_can_call()
    {
        var (program, pipeline) = Build(("sagebuild:repositorySource", "github"), ("sagebuild:githubOwner", "example-org"));
        var handlers = pipeline.Description!.Functions;
        Assert.That(handlers.Select(h => h.Name), Does.Contain("github-webhook"));
        var assembly = typeof(FunctionCatalog).Assembly;
        foreach (var handler in handlers)
        {
            // Assembly::Namespace.Type::Method, a public instance method taking a Stream and returning a Stream or a Task of one.
            var parts = handler.Handler.Split("::");
            Assert.That(parts, Has.Length.EqualTo(3), handler.Handler);
            Assert.That(parts[0], Is.EqualTo(assembly.GetName().Name), handler.Handler);
            var type = assembly.GetType(parts[1]);
            Assert.That(type, Is.Not.Null, $"{handler.Handler}: no type {parts[1]}");
            Assert.That(type!.GetConstructor(Type.EmptyTypes), Is.Not.Null, $"{handler.Handler}: the runtime needs a public parameterless constructor");
            var method = type.GetMethod(parts[2], [typeof(Stream)]);
            Assert.That(method, Is.Not.Null, $"{handler.Handler}: no public {parts[2]}(Stream)");
            Assert.That(method!.ReturnType, Is.EqualTo(typeof(Stream)).Or.EqualTo(typeof(Task<Stream>)), handler.Handler);
            Assert.That(program.Resource(StackTextCamel(handler.Name) + "Function").Properties["handler"], Is.EqualTo(PropertyValue.Text(handler.Handler)));
        }
    }

    [Test]
    public void The_configuration_parameter_starts_as_a_valid_document_with_the_stack_instance_types_and_guardrail_alarms()
    {
        var (_, pipeline) = Build(("sagebuild:trainingInstanceType", "ml.c5.xlarge"), ("sagebuild:hostingInstanceType", "ml.t2.medium"));
        var document = pipeline.Description!.InitialConfiguration;
        var configuration = SageBuild.Functions.Configuration.ConfigurationReader.Read(document);
        Assert.That(configuration.Training.InstanceType, Is.EqualTo("ml.c5.xlarge"));
        Assert.That(configuration.Hosting.InstanceType, Is.EqualTo("ml.t2.medium"));
        Assert.That(configuration.Guardrails.Alarms, Is.EqualTo(pipeline.Resources!.GuardrailAlarmNames("AllTraffic")), "a blue/green update rolls back on the alarms the stack creates");
        Assert.That(configuration.DeployOverrides, Is.Not.Empty, "the overrides are recorded, so the first build's merge changes nothing and later run-time edits survive");
    }

    [Test]
    public void Pipeline_overrides_from_the_stack_config_win_and_their_variants_get_their_own_alarms()
    {
        var (program, pipeline) = Build(("sagebuild:pipeline", """{"hosting": {"instanceType": "ml.c5.large", "variants": [{"name": "Blue", "weight": 1}, {"name": "Green", "weight": 1}]}}"""));
        var configuration = SageBuild.Functions.Configuration.ConfigurationReader.Read(pipeline.Description!.InitialConfiguration);
        Assert.That(configuration.Hosting.InstanceType, Is.EqualTo("ml.c5.large"));
        Assert.That(pipeline.Description.VariantNames, Is.EqualTo(new[] { "Blue", "Green" }));
        Assert.That(configuration.Guardrails.Alarms, Is.EqualTo(pipeline.Resources!.GuardrailAlarmNames("Blue").Concat(pipeline.Resources.GuardrailAlarmNames("Green"))));
        Assert.That(program.Defines("guardrailBlueServerErrors") && program.Defines("guardrailGreenLatency"), Is.True);
    }

    [Test]
    public void The_state_machine_logs_to_its_log_group_and_traces_with_XRay()
    {
        var program = Build().Program;
        var machine = program.Resource("stateMachine");
        Assert.That(At(machine.Properties, "tracingConfiguration", "enabled"), Is.EqualTo(PropertyValue.Boolean(true)));
        Assert.That(At(machine.Properties, "loggingConfiguration", "logDestination"),
            Is.EqualTo((PropertyValue)Interpolation.Format($"{program.Resource("stateMachineLogGroup").Output("arn")}:*")));
        Assert.That(At(machine.Properties, "loggingConfiguration", "level"), Is.EqualTo(PropertyValue.Text("ALL")));
    }

    [Test]
    public void The_guardrail_alarms_watch_the_endpoint_variant_the_pipeline_names_them_for()
    {
        var (program, pipeline) = Build(("sagebuild:guardrails", "{\"serverErrorThreshold\": 3, \"latencyP99Milliseconds\": 400}"));
        var names = pipeline.Resources!.GuardrailAlarmNames("AllTraffic");
        var errors = program.Resource("guardrailAllTrafficServerErrors");
        var latency = program.Resource("guardrailAllTrafficLatency");
        Assert.That(At(errors.Properties, "name"), Is.EqualTo(PropertyValue.Text(names[0])));
        Assert.That(At(latency.Properties, "name"), Is.EqualTo(PropertyValue.Text(names[1])));
        foreach (var alarm in new[] { errors, latency })
        {
            Assert.That(At(alarm.Properties, "namespace"), Is.EqualTo(PropertyValue.Text("AWS/SageMaker")));
            Assert.That(At(alarm.Properties, "dimensions"), Is.EqualTo(new MapValue { ["EndpointName"] = "sagebuild-dev", ["VariantName"] = "AllTraffic" }));
        }

        Assert.That(At(errors.Properties, "metricName"), Is.EqualTo(PropertyValue.Text("Invocation5XXErrors")));
        Assert.That(At(errors.Properties, "threshold"), Is.EqualTo(PropertyValue.Number(3)));
        Assert.That(At(latency.Properties, "extendedStatistic"), Is.EqualTo(PropertyValue.Text("p99")));
        Assert.That(At(latency.Properties, "threshold"), Is.EqualTo(PropertyValue.Number(400_000)), "ModelLatency is in microseconds");
    }

    [Test]
    public void The_dashboard_charts_the_endpoint_per_variant_with_both_dimensions()
    {
        var yaml = PulumiYaml.WriteValue(Build().Program.Resource("dashboard").Properties);
        Assert.That(yaml, Does.Contain("- AWS/SageMaker\n").And.Contain("- ModelLatency\n").And.Contain("- EndpointName\n").And.Contain("- sagebuild-dev\n").And.Contain("- VariantName\n").And.Contain("- AllTraffic\n"));
        Assert.That(yaml, Does.Contain("- Invocation5XXErrors\n").And.Contain("- Invocations\n").And.Contain("- ExecutionsFailed\n"));
    }

    [Test]
    public void What_the_stacks_share_is_protected_and_outlives_the_stack_that_created_it()
    {
        var program = Build().Program;
        foreach (var shared in new[] { "dataBucket", "sourceRepository", "ledgerTable" })
            Assert.That(program.Resource(shared).Options.Protect, Is.True, shared);
        Assert.That(program.Resource("dataBucket").Options.RetainOnDelete, Is.True);
        Assert.That(program.Resource("sourceRepository").Options.RetainOnDelete, Is.True);
    }

    [Test]
    public void Without_a_skill_id_nothing_may_invoke_the_Alexa_function()
    {
        var program = Build().Program;
        Assert.That(program.Defines("alexaFunction"), Is.True);
        Assert.That(program.Defines("alexaSkillPermission"), Is.False);
    }

    [Test]
    public void Without_a_schedule_there_is_no_schedule_rule()
    {
        Assert.That(Build().Program.Defines("scheduleRule"), Is.False);
        Assert.That(Build(("sagebuild:schedule", "rate(1 day)")).Program.Defines("scheduleRule"), Is.True);
    }

    [Test]
    public void The_pipeline_gets_the_stack_resources_as_placeholders_the_program_resolves()
    {
        var resources = Build().Pipeline.Resources!;
        Assert.That(resources.Pipeline.StatusTopicArn, Is.EqualTo("${statusTopic.arn}"));
        Assert.That(resources.Pipeline.TrainingRoleArn, Is.EqualTo("${sagemakerTrainingRole.arn}"));
        Assert.That(resources.StateMachineArn, Is.EqualTo("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:sagebuild-dev"));
        Assert.That(resources.FunctionName("quality-gate"), Is.EqualTo("sagebuild-dev-quality-gate"));
        Assert.That(resources.Pipeline.Branch, Is.EqualTo("dev"));
        Assert.That(resources.Pipeline.Region, Is.EqualTo("${AWS::Region}"), "the provider's region, read when the program runs");
        Assert.That(resources.Pipeline.NamePrefix, Is.EqualTo("sagebuild-dev-"));
        Assert.That(resources.GitHubWebhookSecretParameter, Is.Null, "a CodeCommit stack has no webhook");
    }

    [Test]
    public void A_pipeline_without_a_trigger_handler_cannot_be_deployed()
    {
        var settings = InfraSettingsReader.Read(new StackEnvironment { Stack = "dev", Project = "sagebuild" });
        var error = Assert.Throws<InvalidOperationException>(() => SageBuildProgram.Build(settings, new WithoutTrigger()));
        Assert.That(error!.Message, Does.Contain("the pipeline has no Trigger handler, which this stack needs"));
    }

    private sealed class WithoutTrigger : IPipelineSource
    {
        public PipelineDescription Describe(PipelineResources resources)
        {
            var description = PipelineCatalog.Deployed.Describe(resources);
            return description with { Functions = [.. description.Functions.Where(f => f.Role != LambdaRole.Trigger)] };
        }
    }

    private static string StackTextCamel(string name) =>
        char.ToLowerInvariant(name[0]) + string.Concat(name.Split('-').Select((w, i) => i == 0 ? w[1..] : char.ToUpperInvariant(w[0]) + w[1..]));
}
