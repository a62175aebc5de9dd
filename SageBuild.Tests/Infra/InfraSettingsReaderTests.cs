using SageBuild.Infra.Configuration;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Infra;

public sealed class InfraSettingsReaderTests
{
    private static InfraSettings Read(string? stack, params (string Key, string Value)[] config) =>
        InfraSettingsReader.Read(new StackEnvironment
        {
            Stack = stack,
            Project = stack is null ? null : "sagebuild",
            Config = config.ToDictionary(c => c.Key, c => c.Value),
        });

    private static IReadOnlyList<string> Errors(params (string Key, string Value)[] config) =>
        Assert.Throws<ConfigurationException>(() => Read("dev", config))!.Errors;

    [Test]
    public void Without_a_stack_it_reads_the_documented_defaults_for_plugin_discovery()
    {
        var settings = Read(null);
        Assert.Multiple(() =>
        {
            Assert.That(settings.IsDiscovery, Is.True);
            Assert.That(settings.Stack, Is.EqualTo("discovery"));
            Assert.That(settings.Branch, Is.EqualTo("main"));
            Assert.That(settings.RepositorySource, Is.EqualTo(RepositorySource.CodeCommit));
            Assert.That(settings.LogRetentionDays, Is.EqualTo(30));
            Assert.That(settings.Schedule, Is.Null);
            Assert.That(settings.EffectiveEndpointName, Is.EqualTo("sagebuild-discovery"));
        });
    }

    [Test]
    public void Lists_come_as_JSON_from_a_stack_file_or_comma_separated_from_the_command_line()
    {
        Assert.That(Read("dev", ("sagebuild:notificationEmails", "[\"a@example.com\",\"b@example.com\"]")).NotificationEmails, Is.EqualTo(new[] { "a@example.com", "b@example.com" }));
        Assert.That(Read("dev", ("sagebuild:notificationEmails", "a@example.com, b@example.com")).NotificationEmails, Is.EqualTo(new[] { "a@example.com", "b@example.com" }));
    }

    [Test]
    public void Guardrails_read_as_an_object_and_keep_defaults_for_what_is_not_set()
    {
        var guardrails = Read("prod", ("sagebuild:guardrails", "{\"latencyP99Milliseconds\": 250}")).Guardrails;
        Assert.That(guardrails, Is.EqualTo(new GuardrailSettings { LatencyP99Milliseconds = 250 }));
    }

    [TestCase("rate(1 day)", true)]
    [TestCase("rate(7 days)", true)]
    [TestCase("rate(1 days)", false)]
    [TestCase("rate(5 minute)", false)]
    [TestCase("cron(0 3 ? * MON *)", true)]
    [TestCase("cron(0 3 * *)", false)]
    [TestCase("daily", false)]
    public void The_schedule_must_be_an_EventBridge_expression(string expression, bool valid)
    {
        if (valid)
            Assert.That(Read("dev", ("sagebuild:schedule", expression)).Schedule, Is.EqualTo(expression));
        else
            Assert.That(Errors(("sagebuild:schedule", expression)).Single(), Does.StartWith($"sagebuild:schedule: '{expression}' is not an EventBridge schedule"));
    }

    [Test]
    public void Every_problem_is_reported_at_once_each_naming_its_key()
    {
        var errors = Errors(
            ("sagebuild:notificationPhones", "[\"+14155550100\",\"0044 20 7946 0000\"]"),
            ("sagebuild:notificationEmails", "not-an-address"),
            ("sagebuild:repositorySource", "gitlab"),
            ("sagebuild:createDataBucket", "yes"),
            ("sagebuild:guardrails", "{\"evaluationMinutes\": 0, \"latency\": 5}"),
            ("sagebuild:dataBucketName", "My_Bucket"),
            ("sagebuild:trainingInstanceType", "m5.large"));
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "sagebuild:notificationPhones[1]: '0044 20 7946 0000' is not an E.164 phone number such as +14155550100",
            "sagebuild:notificationEmails[0]: 'not-an-address' is not an e-mail address",
            "sagebuild:repositorySource: 'gitlab' is not a repository source: use codecommit or github",
            "sagebuild:createDataBucket: 'yes' is not true or false",
            "sagebuild:guardrails.latency: unknown setting; the settings are serverErrorThreshold, latencyP99Milliseconds, evaluationMinutes",
            "sagebuild:guardrails.evaluationMinutes: 0 is not a whole number of at least 1",
            "sagebuild:dataBucketName: 'My_Bucket' is not an S3 bucket name: 3 to 63 lowercase letters, digits, '.' and '-'",
            "sagebuild:trainingInstanceType: 'm5.large' is not a SageMaker instance type such as ml.m5.large",
        }));
    }

    [Test]
    public void An_unknown_key_is_an_error_that_lists_the_known_keys()
    {
        var error = Errors(("sagebuild:notifcationEmails", "a@example.com")).Single();
        Assert.That(error, Does.StartWith("sagebuild:notifcationEmails: unknown config key; the keys are "));
        Assert.That(error, Does.Contain("sagebuild:notificationEmails"));
    }

    [Test]
    public void Keys_of_other_packages_pass_through_and_aws_region_is_kept()
    {
        var settings = Read("dev", ("aws:region", "eu-west-1"), ("aws:profile", "ml"));
        Assert.That(settings.Region, Is.EqualTo("eu-west-1"));
    }

    [Test]
    public void A_GitHub_source_needs_its_owner()
    {
        Assert.That(Errors(("sagebuild:repositorySource", "github")).Single(), Is.EqualTo("sagebuild:githubOwner: required when sagebuild:repositorySource is github"));
    }

    [Test]
    public void A_stack_name_that_cannot_name_resources_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read("Production_EU"))!.Errors.Single();
        Assert.That(error, Does.StartWith("PULUMI_STACK: 'Production_EU' can't name this stack's resources"));
    }

    [Test]
    public void The_pipeline_overrides_are_an_object()
    {
        Assert.That(Read("dev", ("sagebuild:pipeline", "{\"training\": {\"instanceCount\": 2}}")).PipelineOverrides,
            Is.EqualTo(JsonValue.Parse("{\"training\": {\"instanceCount\": 2}}")));
        Assert.That(Errors(("sagebuild:pipeline", "[1]")).Single(), Is.EqualTo("sagebuild:pipeline: must be an object"));
    }

    [Test]
    public void Every_config_key_is_documented_in_the_README_and_the_stack_files_use_only_known_keys()
    {
        var readme = File.ReadAllText(Path.Combine(InfraRepository.Root, "SageBuild.Infra", "README.md"));
        foreach (var key in InfraSettingsReader.Keys.Keys)
            Assert.That(readme, Does.Contain($"| `sagebuild:{key}` |"), key);
        foreach (var stack in new[] { "dev", "prod" })
        {
            var config = (YamlDotNet.RepresentationModel.YamlMappingNode)InfraRepository.LoadYaml(Path.Combine(InfraRepository.Root, $"Pulumi.{stack}.yaml"))
                .Children[new YamlDotNet.RepresentationModel.YamlScalarNode("config")];
            var keys = config.Children.Keys.Select(k => ((YamlDotNet.RepresentationModel.YamlScalarNode)k).Value!).ToList();
            Assert.That(keys.Where(k => k.StartsWith("sagebuild:", StringComparison.Ordinal)).Select(k => k["sagebuild:".Length..]), Is.SubsetOf(InfraSettingsReader.Keys.Keys), stack);
            Assert.That(keys, Does.Contain("aws:region").And.Contain("sagebuild:branch"), stack);
        }
    }

    [Test]
    public void PULUMI_CONFIG_that_is_not_a_JSON_object_is_named_in_the_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => StackEnvironment.Read(name => name == "PULUMI_CONFIG" ? "[1,2]" : null))!;
        Assert.That(error.Message, Does.StartWith("PULUMI_CONFIG must be a JSON object"));
    }
}
