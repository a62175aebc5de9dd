using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Validation;

public sealed class ResourceRuleTests
{
    private static IReadOnlyList<DefinitionError> TaskWith(string resource) =>
        Asl.Errors(Asl.Machine($"'A':{{'Type':'Task','Resource':'{resource}','End':true}}"));

    [TestCase("arn:aws:states:::lambda:invoke")]
    [TestCase("arn:aws:states:::lambda:invoke.waitForTaskToken")]
    [TestCase("arn:aws:states:::sagemaker:createTrainingJob.sync")]
    [TestCase("arn:aws:states:::sagemaker:createEndpoint")]
    [TestCase("arn:aws:states:::codebuild:startBuild.sync")]
    [TestCase("arn:aws:states:::states:startExecution.sync:2")]
    [TestCase("arn:aws:states:::dynamodb:putItem")]
    [TestCase("arn:aws:states:::sns:publish")]
    [TestCase("arn:aws-us-gov:states:::aws-sdk:ssm:getParameter")]
    [TestCase("arn:aws:states:::aws-sdk:sagemaker:describeEndpoint.waitForTaskToken")]
    [TestCase("arn:aws:lambda:us-east-1:123456789012:function:Train")]
    [TestCase("arn:aws:lambda:eu-west-2:123456789012:function:Train:$LATEST")]
    [TestCase("arn:aws:states:us-east-1:123456789012:activity:Approve")]
    public void Accepts_the_resources_Step_Functions_runs(string resource) =>
        Assert.That(TaskWith(resource), Is.Empty);

    [TestCase("lambda:invoke", "not an ARN")]
    [TestCase("arn:aws:states:::lambda:invoke.sync", "does not support the .sync pattern")]
    [TestCase("arn:aws:states:::sagemaker:createEndpoint.sync", "createTrainingJob")]
    [TestCase("arn:aws:states:::dynamodb:putItem.waitForTaskToken", "only request-response")]
    [TestCase("arn:aws:states:::states:startExecution.async", "not an integration pattern")]
    [TestCase("arn:aws:states:::ssm:getParameter", "aws-sdk:ssm:getParameter")]
    [TestCase("arn:aws:states:::aws-sdk:ssm:getParameter.sync", "does not support .sync")]
    [TestCase("arn:aws:states:::aws-sdk:ssm:GetParameter", "camelCase")]
    [TestCase("arn:aws:states:::lambda", "service:action")]
    [TestCase("arn:aws:lambda:us-east-1:12345:function:Train", "12-digit")]
    [TestCase("arn:aws:lambda:us-east-1:123456789012:layer:Train", "not a Lambda function ARN")]
    [TestCase("arn:aws:states:us-east-1:123456789012:stateMachine:Child", "activity ARN")]
    [TestCase("arn:aws:s3:::bucket/key", "cannot run directly")]
    [TestCase("arn:azure:states:::lambda:invoke", "partition")]
    public void Reports_a_resource_Step_Functions_refuses_with_the_reason(string resource, string reason)
    {
        var error = TaskWith(resource).Single();
        Assert.That((error.Pointer, error.Code), Is.EqualTo(("/States/A/Resource", DefinitionErrorCodes.InvalidArn)));
        Assert.That(error.Message, Does.Contain(reason));
    }

    [Test]
    public void Checks_item_reader_and_result_writer_resources()
    {
        var errors = Asl.Errors(Asl.Machine(
            "'A':{'Type':'Map','ItemReader':{'Resource':'arn:aws:states:::s3:putObject'},'ResultWriter':{'Resource':'arn:aws:states:::s3:getObject'}," +
            "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}"));
        Assert.That(Asl.Found(errors), Is.EquivalentTo(new[]
        {
            $"/States/A/ItemReader/Resource {DefinitionErrorCodes.InvalidArn}",
            $"/States/A/ResultWriter/Resource {DefinitionErrorCodes.InvalidArn}",
        }));
    }
}
