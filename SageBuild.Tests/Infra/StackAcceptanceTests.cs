using SageBuild.Cli;
using SageBuild.Infra.Pipeline;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;
using Spectre.Console.Cli.Testing;
using YamlDotNet.RepresentationModel;

namespace SageBuild.Tests.Infra;

/// <summary>
/// Issue 8's acceptance: for the dev and prod stacks with their committed config files, the compiler (run as Pulumi
/// runs it) prints valid YAML whose every resource @pulumi/aws constructs under Pulumi's mock runtime, and the
/// deployed program holds the guarantees the issue lists, with the SageBuild pipeline of SageBuild.Functions.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StackAcceptanceTests
{
    private const string Bucket = "aws:s3/bucket:Bucket";

    [TestCase("dev")]
    [TestCase("prod")]
    public void The_compiler_prints_a_valid_YAML_program_for_the_stack(string stack)
    {
        var deployed = DeployedStack.Get(stack);
        Assert.That(deployed.Compiler.Error, Is.Empty, "the compiler wrote to standard error");
        var root = deployed.ProgramYaml();
        Assert.That(((YamlScalarNode)root.Children[new YamlScalarNode("name")]).Value, Is.EqualTo("sagebuild"));
        var resources = (YamlMappingNode)root.Children[new YamlScalarNode("resources")];
        Assert.That(resources.Children, Has.Count.GreaterThan(50), "the stack should declare its whole infrastructure");
        TestContext.Out.WriteLine($"{stack}: {resources.Children.Count} resources, compiled in {deployed.Compiler.Elapsed.TotalMilliseconds:F0} ms (the command of Pulumi.yaml)");
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public void Every_resource_is_constructed_under_the_pulumi_aws_mock_runtime(string stack)
    {
        var deployed = DeployedStack.Get(stack);
        Assert.That(deployed.Report.Errors, Is.Empty, "the mock harness found problems");
        Assert.That(deployed.Report.ExitCode, Is.Zero);
        var declared = ((YamlMappingNode)deployed.ProgramYaml().Children[new YamlScalarNode("resources")]).Children
            .Select(c => ((YamlScalarNode)c.Key).Value).Order(StringComparer.Ordinal);
        var registered = deployed.Report.Resources.Select(r => ((JsonString)r["name"]).Value).Order(StringComparer.Ordinal);
        Assert.That(registered, Is.EqualTo(declared), "every declared resource is registered, and nothing else");
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public void No_IAM_policy_holds_a_wildcard_action_or_a_managed_policy(string stack)
    {
        var deployed = DeployedStack.Get(stack);
        var policies = deployed.OfType("aws:iam/rolePolicy:RolePolicy").Select(p => DeployedStack.JsonInput(p, "policy"))
            .Concat(deployed.OfType("aws:iam/role:Role").Select(r => DeployedStack.JsonInput(r, "assumeRolePolicy"))).ToList();
        Assert.That(policies, Has.Count.GreaterThan(8));
        var actions = policies.SelectMany(Statements).SelectMany(s => Strings(s["Action"])).ToList();
        Assert.That(actions, Is.Not.Empty);
        Assert.That(actions.Where(a => a.Contains('*', StringComparison.Ordinal)), Is.Empty, "wildcard actions");
        Assert.That(policies.SelectMany(Statements).Where(s => s.ContainsKey("NotAction")), Is.Empty);
        foreach (var role in deployed.OfType("aws:iam/role:Role"))
            Assert.That(((JsonObject)role["inputs"]).ContainsKey("managedPolicyArns"), Is.False, $"{((JsonString)role["name"]).Value} attaches managed policies");
        Assert.That(deployed.Report.Resources.Select(r => ((JsonString)r["type"]).Value), Has.None.Contains("PolicyAttachment"));
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public void Every_grant_is_scoped_to_the_stack_own_resources_wherever_AWS_allows_it(string stack)
    {
        // The only actions AWS offers no resource-level permission for (so "*" is their only resource).
        var unscoped = new HashSet<string>(StringComparer.Ordinal)
        {
            "ecr:GetAuthorizationToken", "cloudwatch:PutMetricData",
            "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
        };
        var deployed = DeployedStack.Get(stack);
        var statements = deployed.OfType("aws:iam/rolePolicy:RolePolicy").Select(p => DeployedStack.JsonInput(p, "policy")).SelectMany(Statements).ToList();
        foreach (var statement in statements)
        {
            var actions = Strings(statement["Action"]);
            foreach (var resource in Strings(statement["Resource"]))
            {
                if (resource == "*")
                    Assert.That(actions, Is.SubsetOf(unscoped), "only actions AWS can't scope may have the resource \"*\"");
                else
                    Assert.That(resource, Does.Contain($"sagebuild-{stack}").Or.Contain($"/sagebuild/{stack}/").Or.Contain("sagebuild-data-").Or.Contain(":sagebuild-models")
                        .Or.Contain(":rule/StepFunctionsGetEvents").Or.Contain(":log-group:/aws/sagemaker/"), string.Join(", ", actions));
            }
        }
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public void PassRole_is_granted_only_for_the_SageMaker_execution_roles_and_only_to_SageMaker(string stack)
    {
        var deployed = DeployedStack.Get(stack);
        var sageMakerRoles = new[] { "sagemakerTrainingRole", "sagemakerHostingRole" }.Select(r => ((JsonString)deployed.Report.State(r)["arn"]).Value).ToList();
        var passRoles = deployed.OfType("aws:iam/rolePolicy:RolePolicy").Select(p => DeployedStack.JsonInput(p, "policy"))
            .SelectMany(Statements).Where(s => Strings(s["Action"]).Contains("iam:PassRole")).ToList();
        Assert.That(passRoles, Is.Not.Empty, "the state machine passes the execution roles to SageMaker");
        foreach (var statement in passRoles)
        {
            Assert.That(Strings(statement["Action"]), Is.EqualTo(new[] { "iam:PassRole" }), "PassRole stands alone, so its condition binds nothing else");
            Assert.That(Strings(statement["Resource"]), Is.SubsetOf(sageMakerRoles));
            var condition = (JsonObject)((JsonObject)statement["Condition"])["StringEquals"];
            Assert.That(Strings(condition["iam:PassedToService"]), Is.EqualTo(new[] { "sagemaker.amazonaws.com" }));
        }
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public void Every_bucket_is_versioned_encrypted_blocks_public_access_and_expires_old_versions(string stack)
    {
        var deployed = DeployedStack.Get(stack);
        var buckets = deployed.OfType(Bucket);
        Assert.That(buckets, Has.Count.EqualTo(stack == "dev" ? 4 : 3), "dev creates the shared data bucket; prod uses it");
        foreach (var bucket in buckets)
        {
            var id = ((JsonString)((JsonObject)bucket["state"])["id"]).Value;
            JsonObject For(string token) => deployed.OfType(token).Single(r => DeployedStack.Text(r, "bucket") == id);

            var encryption = (JsonObject)((JsonArray)((JsonObject)For("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")["inputs"])["rules"])[0];
            Assert.That(((JsonString)((JsonObject)encryption["applyServerSideEncryptionByDefault"])["sseAlgorithm"]).Value, Is.AnyOf("AES256", "aws:kms"), id);
            var block = (JsonObject)For("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")["inputs"];
            foreach (var setting in new[] { "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets" })
                Assert.That(block[setting], Is.EqualTo(JsonBoolean.True), $"{id}: {setting}");
            var versioning = (JsonObject)((JsonObject)For("aws:s3/bucketVersioning:BucketVersioning")["inputs"])["versioningConfiguration"];
            Assert.That(((JsonString)versioning["status"]).Value, Is.EqualTo("Enabled"), id);
            var rules = (JsonArray)((JsonObject)For("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")["inputs"])["rules"];
            Assert.That(rules.Cast<JsonObject>().Any(r => r.ContainsKey("noncurrentVersionExpiration") || r.ContainsKey("expiration")), id);
        }
    }

    [TestCase("dev", "dev")]
    [TestCase("prod", "master")]
    public void The_EventBridge_rules_start_builds_for_the_stack_branch_only(string stack, string branch)
    {
        var deployed = DeployedStack.Get(stack);
        var rules = deployed.OfType("aws:cloudwatch/eventRule:EventRule").ToDictionary(r => ((JsonString)r["name"]).Value);
        var push = (JsonObject)DeployedStack.JsonInput(rules["codeCommitPushRule"], "eventPattern");
        var detail = (JsonObject)push["detail"];
        Assert.That(Strings(detail["referenceName"]), Is.EqualTo(new[] { branch }));
        Assert.That(Strings(detail["referenceType"]), Is.EqualTo(new[] { "branch" }));
        Assert.That(Strings(push["resources"]), Is.EqualTo(new[] { $"arn:aws:codecommit:{HarnessConstants.Region}:{HarnessConstants.Account}:sagebuild-models" }),
            "both stacks watch the one shared repository");

        var data = (JsonObject)((JsonObject)DeployedStack.JsonInput(rules["dataCreatedRule"], "eventPattern"))["detail"];
        Assert.That(Strings(((JsonObject)data["bucket"])["name"]), Is.EqualTo(new[] { $"sagebuild-data-{HarnessConstants.Account}-{HarnessConstants.Region}" }));
        Assert.That(((JsonArray)((JsonObject)data["object"])["key"])[0], Is.EqualTo(JsonObject.Create(("prefix", "data/"))));

        Assert.That(DeployedStack.Text(rules["scheduleRule"], "scheduleExpression"), Is.EqualTo(deployed.Config["sagebuild:schedule"]));
        var trigger = ((JsonString)deployed.Report.State("startBuildFunction")["arn"]).Value;
        foreach (var target in deployed.OfType("aws:cloudwatch/eventTarget:EventTarget"))
            Assert.That(DeployedStack.Text(target, "arn"), Is.EqualTo(trigger), "every rule goes through the start-build function; the pipeline queues and coalesces");
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public void The_deployed_definition_equals_what_pipeline_show_prints_for_the_same_resources(string stack)
    {
        var deployed = DeployedStack.Get(stack);
        var (placeholders, _) = deployed.RecordPipeline();
        // The deployment as the mock runtime resolved it, in the form `sagebuild pipeline show --deployment` reads.
        using var folder = new TemporaryDirectory();
        var deployment = folder.File("deployment.json");
        File.WriteAllText(deployment, FunctionsPipeline.Options(deployed.ConcreteResources(placeholders)).ToJson().ToJson(indented: true));
        var app = new CommandAppTester(new CommandAppTesterSettings { TrimConsoleOutput = false });
        app.Configure(SageBuildCommands.Configure);
        var shown = app.Run("pipeline", "show", "--format", "asl", "--deployment", deployment);
        Assert.That(shown.ExitCode, Is.Zero, shown.Output);

        var expected = JsonValue.Parse(shown.Output);
        var embedded = DeployedStack.JsonInput(deployed.Report.Resource("stateMachine"), "definition");
        Assert.That(embedded, Is.EqualTo(expected), $"deployed:\n{embedded.ToJson(true)}\nsagebuild pipeline show:\n{expected.ToJson(true)}");
        Assert.That(embedded.ToJson(), Does.Contain(((JsonString)deployed.Report.State("statusTopic")["arn"]).Value), "the topic placeholder became the topic's ARN");
        Assert.That(embedded.ToJson(), Does.Contain($"\"region\":\"{HarnessConstants.Region}\""), "the handlers are told the provider's region");
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public void The_functions_that_call_AWS_may_make_exactly_their_calls_on_this_stack_state_machine(string stack)
    {
        var deployed = DeployedStack.Get(stack);
        var machine = ((JsonString)deployed.Report.Outputs["stateMachineArn"]).Value;
        var executions = machine.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":*";
        Assert.That(Grants(deployed, "startBuildRolePolicy"), Is.EquivalentTo(new[] { ("states:StartExecution", machine) }), "the trigger only starts builds");
        Assert.That(Grants(deployed, "alexaRolePolicy"), Is.EquivalentTo(new[]
        {
            ("states:ListExecutions", machine), ("states:StartExecution", machine),
            ("states:GetExecutionHistory", executions), ("states:StopExecution", executions),
        }));
        foreach (var step in SageBuild.Functions.Handlers.FunctionCatalog.Steps())
            Assert.That(Grants(deployed, SageBuild.Infra.Stack.StackText.Camel(step.Name) + "RolePolicy"), Is.Empty, $"{step.Name} is a pure step: it calls nothing");

        var start = (JsonObject)((JsonObject)deployed.Report.Inputs("startBuildFunction")["environment"])["variables"];
        Assert.That(((JsonString)start["SAGEBUILD_STATE_MACHINE_ARN"]).Value, Is.EqualTo(machine), "the function starts the machine its role names");
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public void The_state_machine_may_queue_hand_over_and_start_the_pending_build_itself(string stack)
    {
        // The pipeline's coalescing in AWS: conditional updates of the ledger's lock item, and StartExecution of its own ARN.
        var deployed = DeployedStack.Get(stack);
        var machine = ((JsonString)deployed.Report.Outputs["stateMachineArn"]).Value;
        var ledger = ((JsonString)deployed.Report.State("ledgerTable")["arn"]).Value;
        var grants = Grants(deployed, "stateMachineRolePolicy");
        Assert.That(grants, Does.Contain(("states:StartExecution", machine)));
        Assert.That(grants, Does.Contain(("dynamodb:UpdateItem", ledger)));
        var table = deployed.Report.Inputs("ledgerTable");
        Assert.That(((JsonString)table["hashKey"]).Value, Is.EqualTo("pk"));
        Assert.That(table.ContainsKey("rangeKey"), Is.False, "the ledger's key is pk alone");
        Assert.That(table["attributes"], Is.EqualTo(JsonValue.Parse("""[{"name": "pk", "type": "S"}]""")));
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public void The_stack_outputs_name_what_an_operator_needs(string stack)
    {
        var outputs = DeployedStack.Get(stack).Report.Outputs;
        foreach (var name in new[] { "stateMachineArn", "endpointName", "dataBucket", "artifactsBucket", "codeBucket", "checkpointsBucket", "statusTopicArn", "launchTopicArn", "alexaFunctionArn", "dashboardUrl" })
            Assert.That(outputs.ContainsKey(name), name);
        Assert.That(((JsonString)outputs["endpointName"]).Value, Is.EqualTo($"sagebuild-{stack}"));
        Assert.That(((JsonString)outputs["dashboardUrl"]).Value, Is.EqualTo($"https://{HarnessConstants.Region}.console.aws.amazon.com/cloudwatch/home?region={HarnessConstants.Region}#dashboards:name=sagebuild-{stack}"));
        Assert.That(((JsonString)outputs["stateMachineArn"]).Value, Is.EqualTo($"arn:aws:states:{HarnessConstants.Region}:{HarnessConstants.Account}:stateMachine:sagebuild-{stack}"));
    }

    [Test]
    public void The_two_stacks_share_one_repository_and_one_data_bucket_and_differ_in_everything_else()
    {
        var dev = DeployedStack.Get("dev");
        var prod = DeployedStack.Get("prod");
        Assert.That(dev.OfType("aws:codecommit/repository:Repository"), Has.Count.EqualTo(1));
        Assert.That(prod.OfType("aws:codecommit/repository:Repository"), Is.Empty, "prod uses dev's repository");
        Assert.That(((JsonString)prod.Report.Outputs["dataBucket"]).Value, Is.EqualTo(((JsonString)dev.Report.Outputs["dataBucket"]).Value));
        var devNames = PhysicalNames(dev);
        Assert.That(devNames, Has.Count.GreaterThan(30));
        Assert.That(PhysicalNames(prod).Where(devNames.Contains), Is.Empty, "no named resource of prod collides with one of dev");
    }

    // The names AWS keys these resources by, within an account and region.
    private static HashSet<string> PhysicalNames(DeployedStack deployed) =>
        deployed.Report.Resources
            .Select(r => (Type: ((JsonString)r["type"]).Value, Inputs: (JsonObject)r["inputs"]))
            .SelectMany(r => new[] { "name", "bucket", "dashboardName" }
                .Where(key => !r.Type.StartsWith("aws:s3/bucket", StringComparison.Ordinal) || r.Type == Bucket || key != "bucket")
                .Where(key => r.Type != "aws:iam/rolePolicy:RolePolicy" && r.Inputs.TryGetValue(key, out var value) && value is JsonString)
                .Select(key => $"{r.Type} {((JsonString)r.Inputs[key]).Value}"))
            .ToHashSet(StringComparer.Ordinal);

    [Test]
    public void Every_resource_type_the_stack_can_create_has_been_checked_against_pulumi_aws()
    {
        var github = DeployedStack.Get("dev", "github-coverage", new Dictionary<string, string>
        {
            ["sagebuild:repositorySource"] = "github",
            ["sagebuild:githubOwner"] = "example-org",
            ["sagebuild:alexaSkillId"] = "amzn1.ask.skill.12345678-1234-1234-1234-123456789abc",
        }, new Dictionary<string, string> { ["sagebuild:githubWebhookSecret"] = "test-secret" });
        var constructed = new[] { DeployedStack.Get("dev"), DeployedStack.Get("prod"), github }
            .SelectMany(d => d.Report.Resources.Select(r => ((JsonString)r["type"]).Value)).ToHashSet(StringComparer.Ordinal);
        var types = typeof(SageBuild.Infra.Stack.SageBuildProgram).Assembly.GetType("SageBuild.Infra.Stack.AwsTypes")!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => ((SageBuild.Infra.Model.ResourceType)f.GetValue(null)!).FullToken).ToList();
        Assert.That(types, Has.Count.GreaterThan(20));
        Assert.That(types, Is.SubsetOf(constructed), "a type no tested stack constructs was never checked against @pulumi/aws");
    }

    private static IEnumerable<JsonObject> Statements(JsonValue policy) => ((JsonObject)policy)["Statement"] switch
    {
        JsonArray all => all.Cast<JsonObject>(),
        JsonObject one => [one],
        var other => throw new AssertionException($"unexpected Statement {other}"),
    };

    private static IReadOnlyList<string> Strings(JsonValue value) => value switch
    {
        JsonString s => [s.Value],
        JsonArray a => [.. a.Cast<JsonString>().Select(s => s.Value)],
        _ => throw new AssertionException($"expected a string or a list of strings, got {value}"),
    };

    /// <summary>The (action, resource) pairs a role policy grants, besides its logs and X-Ray.</summary>
    private static List<(string Action, string Resource)> Grants(DeployedStack deployed, string rolePolicy)
    {
        var policy = DeployedStack.JsonInput(deployed.Report.Resource(rolePolicy), "policy");
        return [.. Statements(policy)
            .SelectMany(s => Strings(s["Action"]).SelectMany(a => Strings(s["Resource"]).Select(r => (Action: a, Resource: r))))
            .Where(g => !g.Action.StartsWith("logs:", StringComparison.Ordinal) && !g.Action.StartsWith("xray:", StringComparison.Ordinal))];
    }
}
