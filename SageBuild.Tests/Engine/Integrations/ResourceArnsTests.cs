using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Tests.Engine.Integrations;

public sealed class ResourceArnsTests
{
    [TestCase("arn:aws:states:::sagemaker:createTrainingJob.sync", "sagemaker", "createTrainingJob", IntegrationPattern.RunJob)]
    [TestCase("arn:aws:states:::states:startExecution.sync:2", "states", "startExecution", IntegrationPattern.RunJob)]
    [TestCase("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "sqs", "sendMessage", IntegrationPattern.WaitForTaskToken)]
    [TestCase("arn:aws:states:::lambda:invoke", "lambda", "invoke", IntegrationPattern.RequestResponse)]
    [TestCase("arn:aws:states:::aws-sdk:ssm:getParameter", "aws-sdk:ssm", "getParameter", IntegrationPattern.RequestResponse)]
    [TestCase("arn:aws-cn:states:::aws-sdk:s3:listObjectsV2.waitForTaskToken", "aws-sdk:s3", "listObjectsV2", IntegrationPattern.WaitForTaskToken)]
    public void A_service_integration_ARN_names_its_service_action_and_pattern(string resource, string service, string action, IntegrationPattern pattern)
    {
        var target = ResourceArns.Parse(resource);
        Assert.That((target.Service, target.Action, target.Pattern, target.FunctionArn), Is.EqualTo((service, action, pattern, (string?)null)));
    }

    [Test]
    public void A_Lambda_function_ARN_is_an_invoke_of_that_function()
    {
        var target = ResourceArns.Parse("arn:aws:lambda:eu-west-1:123456789012:function:score:live");
        Assert.That((target.Key, target.FunctionArn), Is.EqualTo(("lambda:invoke", "arn:aws:lambda:eu-west-1:123456789012:function:score:live")));
    }

    [Test]
    public void An_activity_ARN_is_an_activity()
    {
        var target = ResourceArns.Parse("arn:aws:states:us-east-1:123456789012:activity:approve");
        Assert.That((target.Service, target.Action, target.ActivityArn), Is.EqualTo(("activity", "approve", "arn:aws:states:us-east-1:123456789012:activity:approve")));
    }

    [TestCase("lambda:invoke")]
    [TestCase("arn:aws:s3:::bucket/key")]
    [TestCase("arn:aws:states:::nothing")]
    public void Anything_else_is_refused_with_the_resource_named(string resource) =>
        Assert.That(() => ResourceArns.Parse(resource), Throws.TypeOf<FormatException>().With.Message.Contains(resource));
}
