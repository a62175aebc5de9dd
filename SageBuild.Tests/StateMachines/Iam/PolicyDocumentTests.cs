using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.StateMachines.Iam;

public sealed class PolicyDocumentTests
{
    [TestCase("*")]
    [TestCase("sagemaker:*")]
    [TestCase("sagemaker:Create*")]
    [TestCase("CreateTrainingJob")]
    public void A_wildcard_or_malformed_action_is_refused(string action)
    {
        Assert.That(() => PolicyStatement.Allow("arn:aws:s3:::b", action), Throws.ArgumentException.With.Message.Contains($"'{action}'"));
    }

    [Test]
    public void Statements_with_the_same_actions_share_one_statement_over_the_union_of_their_resources()
    {
        var document = PolicyDocument.Create([
            PolicyStatement.Allow("arn:b", "sns:Publish"),
            PolicyStatement.Allow("arn:a", "sns:Publish"),
            PolicyStatement.Allow("arn:a", "sns:Publish"),
        ]);

        Assert.That(document.Statements.Single().Resources, Is.EqualTo(new[] { "arn:a", "arn:b" }));
    }

    [Test]
    public void Statements_on_the_same_resources_share_one_statement_but_a_condition_keeps_them_apart()
    {
        var document = PolicyDocument.Create([
            PolicyStatement.Allow("arn:role", "iam:GetRole"),
            PolicyStatement.Allow("arn:role", "iam:PassRole").When("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com"),
            PolicyStatement.Allow("arn:role", "iam:ListRoleTags"),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(document.Statements, Has.Count.EqualTo(2));
            Assert.That(document.Statements.Single(s => s.Conditions.Count == 0).Actions, Is.EqualTo(new[] { "iam:GetRole", "iam:ListRoleTags" }));
        });
    }

    [Test]
    public void Merging_never_grants_an_action_on_a_resource_it_was_not_granted_on()
    {
        var document = PolicyDocument.Create([
            PolicyStatement.Allow("arn:a", "s3:GetObject"),
            PolicyStatement.Allow("arn:b", "s3:PutObject"),
        ]);

        Assert.That(document.Statements, Has.Count.EqualTo(2));
    }

    [Test]
    public void The_document_is_the_same_whatever_the_order_of_the_statements()
    {
        PolicyStatement[] statements =
        [
            PolicyStatement.Allow("arn:z", "sns:Publish"),
            PolicyStatement.Allow(["arn:x", "arn:y"], "sagemaker:CreateModel", "sagemaker:AddTags"),
            PolicyStatement.Allow("arn:role", "iam:PassRole").When("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com"),
        ];

        var forward = PolicyDocument.Create(statements).ToJson();
        var backward = PolicyDocument.Create(statements.Reverse()).ToJson();

        Assert.That(backward, Is.EqualTo(forward));
    }

    [Test]
    public void The_document_renders_as_IAM_JSON()
    {
        var document = PolicyDocument.Create([PolicyStatement.Allow("arn:role", "iam:PassRole").When("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com")]);

        Assert.That(document.ToJsonValue(), Is.EqualTo(JsonValue.Parse("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": ["arn:role"],
                                                     "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}}]}
            """)));
    }

    [Test]
    public void An_ArnContext_fills_the_partition_region_account_and_machine_name()
    {
        var statement = PolicyStatement.Allow(Arn.Executions(ArnContext.StateMachineNameToken), "states:DescribeExecution");

        var resolved = statement.Resolve(new ArnContext { Region = "eu-west-1", Account = "111122223333", StateMachineName = "sagebuild-dev" });

        Assert.That(resolved.Resources.Single(), Is.EqualTo("arn:aws:states:eu-west-1:111122223333:execution:sagebuild-dev:*"));
    }
}
