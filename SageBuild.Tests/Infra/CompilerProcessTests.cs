using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Infra;

/// <summary>
/// The compiler as Pulumi's YAML runtime runs it: the command of Pulumi.yaml, from the project directory, without a
/// shell; with the PULUMI_* variables of a stack, and without them (plugin discovery).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CompilerProcessTests
{
    [Test]
    public void Without_the_PULUMI_variables_it_still_prints_a_program_that_constructs()
    {
        var result = InfraRepository.Compile(stack: null, pulumiConfig: null);
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Error, Is.Empty);
        var report = InfraRepository.Construct(result.Output, "discovery");
        Assert.That(report.Errors, Is.Empty);
        Assert.That(report.Resources, Has.Count.GreaterThan(50));
        Assert.That(result.Output, Does.Contain("type: aws:sfn:StateMachine"), "discovery sees the aws provider the real program needs");
    }

    [Test]
    public void A_bad_config_value_fails_with_every_problem_named_by_its_key_and_prints_no_program()
    {
        var config = JsonObject.Create(
            ("sagebuild:branch", "dev"),
            ("sagebuild:notificationPhones", "[\"+14155550100\", \"555-0100\"]"),
            ("sagebuild:schedule", "every day"),
            ("sagebuild:logRetentionDays", "10"),
            ("sagebuild:brnach", "dev")).ToJson();
        var result = InfraRepository.Compile("dev", config);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Is.Empty, "Pulumi would read anything on standard output as the program");
        Assert.That(result.Error, Does.Contain("sagebuild:notificationPhones[1]: '555-0100' is not an E.164 phone number"));
        Assert.That(result.Error, Does.Contain("sagebuild:schedule: 'every day' is not an EventBridge schedule"));
        Assert.That(result.Error, Does.Contain("sagebuild:logRetentionDays: 10 is not a CloudWatch Logs retention"));
        Assert.That(result.Error, Does.Contain("sagebuild:brnach: unknown config key"));
    }

    [Test]
    public void A_GitHub_stack_gets_a_signed_webhook_url_and_its_secret_never_reaches_the_compiler_output()
    {
        const string Secret = "s3cr3t-webhook-value-9f8e7d";
        var extra = new Dictionary<string, string>
        {
            ["sagebuild:repositorySource"] = "github",
            ["sagebuild:githubOwner"] = "example-org",
            ["sagebuild:alexaSkillId"] = "amzn1.ask.skill.12345678-1234-1234-1234-123456789abc",
            // Pulumi hands the compiler decrypted config; the compiler must not copy the secret into the program.
            ["sagebuild:githubWebhookSecret"] = Secret,
        };
        var deployed = DeployedStack.Get("dev", "github", extra, new Dictionary<string, string> { ["sagebuild:githubWebhookSecret"] = Secret });
        Assert.That(deployed.Program, Does.Not.Contain(Secret));
        Assert.That(deployed.Report.Errors, Is.Empty);

        Assert.That(((JsonString)deployed.Report.Outputs["webhookUrl"]).Value, Does.StartWith("https://sagebuild-dev-github-webhook.lambda-url."));
        var url = deployed.Report.Inputs("webhookUrl");
        Assert.That(((JsonString)url["authorizationType"]).Value, Is.EqualTo("NONE"), "GitHub can't sign AWS requests; the handler checks X-Hub-Signature-256");
        var parameter = deployed.Report.Inputs("webhookSecretParameter");
        Assert.That(((JsonString)parameter["type"]).Value, Is.EqualTo("SecureString"));
        // Pulumi's secret marker: the value reaches the provider from the stack's encrypted config, and stays a secret in state.
        var value = (JsonObject)parameter["value"];
        Assert.That(((JsonString)value["4dabf18193072939515e22adb298388d"]).Value, Is.EqualTo("1b47061264138c4ac30d75fd1eb44270"));
        Assert.That(((JsonString)value["value"]).Value, Is.EqualTo(Secret));
        var function = deployed.Report.Inputs("githubWebhookFunction");
        var variables = (JsonObject)((JsonObject)function["environment"])["variables"];
        Assert.That(variables.ToJson(), Does.Not.Contain(Secret), "the function reads the secret from the parameter at run time");
        Assert.That(((JsonString)variables["SAGEBUILD_GITHUB_SECRET_PARAMETER"]).Value, Is.EqualTo("/sagebuild/dev/github-webhook-secret"));
        Assert.That(((JsonString)variables["SAGEBUILD_BRANCH"]).Value, Is.EqualTo("dev"), "the webhook starts builds for this stack's branch only");
        var grants = ((JsonArray)((JsonObject)DeployedStack.JsonInput(deployed.Report.Resource("githubWebhookRolePolicy"), "policy"))["Statement"]).Cast<JsonObject>()
            .Select(st => (Action: string.Join(",", ((JsonArray)st["Action"]).Cast<JsonString>().Select(a => a.Value)), Resource: string.Join(",", ((JsonArray)st["Resource"]).Cast<JsonString>().Select(r => r.Value))))
            .Where(g => !g.Action.StartsWith("logs:", StringComparison.Ordinal) && !g.Action.StartsWith("xray:", StringComparison.Ordinal)).ToList();
        Assert.That(grants, Is.EquivalentTo(new[]
        {
            ("states:StartExecution", ((JsonString)deployed.Report.Outputs["stateMachineArn"]).Value),
            ("ssm:GetParameter", $"arn:aws:ssm:{HarnessConstants.Region}:{HarnessConstants.Account}:parameter/sagebuild/dev/github-webhook-secret"),
        }), "the webhook reads its secret and starts builds, nothing else");
        Assert.That(((JsonString)function["handler"]).Value, Is.EqualTo("SageBuild.Functions::SageBuild.Functions.Webhooks.GitHubWebhookFunction::InvokeAsync"));

        Assert.That(deployed.OfType("aws:cloudwatch/eventRule:EventRule").Select(r => ((JsonString)r["name"]).Value), Has.None.EqualTo("codeCommitPushRule"));
        var build = deployed.Report.Inputs("imageBuildProject");
        Assert.That(((JsonString)((JsonObject)build["source"])["location"]).Value, Is.EqualTo("https://github.com/example-org/sagebuild-models.git"));

        var alexa = deployed.Report.Inputs("alexaSkillPermission");
        Assert.That(((JsonString)alexa["principal"]).Value, Is.EqualTo("alexa-appkit.amazon.com"));
        Assert.That(((JsonString)alexa["eventSourceToken"]).Value, Is.EqualTo("amzn1.ask.skill.12345678-1234-1234-1234-123456789abc"));
        Assert.That(((JsonString)alexa["function"]).Value, Is.EqualTo("sagebuild-dev-alexa"));
    }

    [Test]
    public void The_compiler_prints_the_same_program_every_time()
    {
        var config = InfraRepository.PulumiConfig("Pulumi.prod.yaml");
        var first = InfraRepository.Compile("prod", config);
        var second = InfraRepository.Compile("prod", config);
        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(second.Output, Is.EqualTo(first.Output));
        TestContext.Out.WriteLine($"compile (the command of Pulumi.yaml): {first.Elapsed.TotalMilliseconds:F0} ms and {second.Elapsed.TotalMilliseconds:F0} ms");
    }
}
