using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Validation;
using static SageBuild.Tests.StateMachines.Builders.Asl;

namespace SageBuild.Tests.StateMachines.Builders;

public sealed class ExamplePipelineTests
{
    [Test]
    public void The_example_pipeline_emits_its_states_in_flow_order_with_a_wait_loop_on_the_endpoint()
    {
        var asl = Of(ExamplePipeline.Create());
        var states = (JsonObject)asl["States"];

        Assert.Multiple(() =>
        {
            Assert.That(states.Keys, Is.EqualTo(new[]
            {
                "BuildTrainingImage", "Train", "NotifyFailure", "CreateModel", "BuildFailed", "CreateEndpointConfig", "CreateEndpoint",
                "WaitForEndpoint", "DescribeEndpoint", "IsEndpointInService", "NotifySuccess",
            }));
            Assert.That(((JsonObject)states["IsEndpointInService"])["Default"], Is.EqualTo(Expected("\"WaitForEndpoint\"")));
            Assert.That(((JsonObject)states["NotifySuccess"])["End"], Is.EqualTo(Expected("true")));
            Assert.That(((JsonObject)states["Train"])["Resource"], Is.EqualTo(Expected("\"arn:aws:states:::sagemaker:createTrainingJob.sync\"")));
            Assert.That(((JsonArray)((JsonObject)states["Train"])["Catch"])[0], Is.EqualTo(Expected("""{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "NotifyFailure"}""")));
            Assert.That(asl["TimeoutSeconds"], Is.EqualTo(Expected("43200")));
        });
    }

    [Test]
    public void The_emitted_ASL_reads_back_into_the_model_the_builders_produced()
    {
        var built = ExamplePipeline.Create().Build();

        var read = AslJson.Parse(AslJson.Write(built));

        Assert.That(read, Is.EqualTo(built));
    }

    [Test]
    public void The_emitted_ASL_is_byte_for_byte_the_same_on_every_build()
    {
        var first = ExamplePipeline.Create().ToAslJson();
        var second = ExamplePipeline.Create().ToAslJson();

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void The_emitted_ASL_passes_the_definition_validator()
    {
        Assert.That(DefinitionValidator.Validate(ExamplePipeline.Create().ToAslJson()), Is.Empty);
    }

    [Test]
    public void The_pipeline_role_has_no_wildcard_action_and_passes_its_role_only_to_SageMaker()
    {
        var statements = ExamplePipeline.Create().PolicyStatements();

        Assert.Multiple(() =>
        {
            Assert.That(statements.SelectMany(s => s.Actions), Has.None.Contains("*"));
            var passRole = statements.Single(s => s.Actions.Contains("iam:PassRole"));
            Assert.That(passRole.Resources, Is.EqualTo(new[] { ExamplePipeline.Role }));
            Assert.That(passRole.Conditions.Single().ToString(), Is.EqualTo("StringEquals iam:PassedToService [sagemaker.amazonaws.com]"));
            Assert.That(statements.SelectMany(s => s.Actions), Is.SupersetOf(new[]
            {
                "codebuild:StartBuild", "sagemaker:CreateTrainingJob", "sagemaker:CreateModel", "sagemaker:CreateEndpointConfig",
                "sagemaker:CreateEndpoint", "sagemaker:DescribeEndpoint", "sns:Publish", "events:PutRule",
            }));
        });
    }

    [Test]
    public void The_pipeline_policy_resolves_into_concrete_ARNs_for_a_deployment()
    {
        var document = ExamplePipeline.Create().PolicyDocument(new SageBuild.StateMachines.Iam.ArnContext { Region = "eu-west-1", Account = "111122223333" });

        var json = document.ToJson();

        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Not.Contain("${"));
            Assert.That(json, Does.Contain("arn:aws:sagemaker:eu-west-1:111122223333:training-job/sagebuild-dev-*"));
        });
    }
}
