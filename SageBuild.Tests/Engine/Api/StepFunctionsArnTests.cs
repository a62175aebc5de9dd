using SageBuild.Engine.Api;

namespace SageBuild.Tests.Engine.Api;

public sealed class StepFunctionsArnTests
{
    [Test]
    public void Builds_state_machine_and_execution_ARNs_in_AWS_format()
    {
        Assert.That(StepFunctionsArn.ForStateMachine("eu-west-1", "123456789012", "pipeline").ToString(),
            Is.EqualTo("arn:aws:states:eu-west-1:123456789012:stateMachine:pipeline"));
        Assert.That(StepFunctionsArn.ForExecution("eu-west-1", "123456789012", "pipeline", "run-1").ToString(),
            Is.EqualTo("arn:aws:states:eu-west-1:123456789012:execution:pipeline:run-1"));
    }

    [Test]
    public void Reads_the_parts_of_an_execution_ARN()
    {
        var arn = StepFunctionsArn.Parse("arn:aws-cn:states:cn-north-1:123456789012:execution:pipeline:run-1");
        Assert.Multiple(() =>
        {
            Assert.That(arn.Partition, Is.EqualTo("aws-cn"));
            Assert.That(arn.Region, Is.EqualTo("cn-north-1"));
            Assert.That(arn.ResourceType, Is.EqualTo(StepFunctionsResourceType.Execution));
            Assert.That(arn.StateMachineName, Is.EqualTo("pipeline"));
            Assert.That(arn.ExecutionName, Is.EqualTo("run-1"));
            Assert.That(arn.StateMachineArn.ToString(), Is.EqualTo("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:pipeline"));
        });
    }

    [TestCase("arn:aws:states:us-east-1:123456789012:stateMachine:pipeline")]
    [TestCase("arn:aws:states:us-east-1:123456789012:stateMachine:pipeline:1")]
    [TestCase("arn:aws:states:us-east-1:123456789012:stateMachine:pipeline:prod")]
    [TestCase("arn:aws:states:us-east-1:123456789012:express:pipeline:run-1:5f0e")]
    [TestCase("arn:aws:states:us-east-1:123456789012:mapRun:pipeline/Map:5f0e")]
    [TestCase("arn:aws:states:us-east-1:123456789012:activity:approve")]
    public void Accepts_every_Step_Functions_resource_form(string text) =>
        Assert.That(StepFunctionsArn.Parse(text).ToString(), Is.EqualTo(text));

    [TestCase("not-an-arn", "Invalid Arn: 'Invalid ARN prefix: not-an-arn'")]
    [TestCase("arn:aws:lambda:us-east-1:123456789012:function:f", "Invalid Arn: 'Invalid ARN service: arn:aws:lambda:us-east-1:123456789012:function:f'")]
    [TestCase("arn:aws:states:us-east-1:12345:stateMachine:p", "Invalid Arn: 'Invalid ARN account: arn:aws:states:us-east-1:12345:stateMachine:p'")]
    [TestCase("arn:aws:states:us-east-1:123456789012:stateMachine:", "Invalid Arn: 'Invalid ARN resource: arn:aws:states:us-east-1:123456789012:stateMachine:'")]
    [TestCase("arn:aws:states:us-east-1:123456789012:execution:pipeline", "Invalid Arn: 'Invalid ARN resource: arn:aws:states:us-east-1:123456789012:execution:pipeline'")]
    [TestCase("arn:aws:states:us-east-1:123456789012:widget:x", "Invalid Arn: 'Invalid ARN resource type: arn:aws:states:us-east-1:123456789012:widget:x'")]
    public void Refuses_a_malformed_ARN_with_InvalidArn(string text, string message)
    {
        var error = Assert.Throws<StepFunctionsException>(() => StepFunctionsArn.Parse(text))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidArn));
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void Refuses_a_resource_type_the_operation_does_not_take_as_AWS_words_it()
    {
        var error = Assert.Throws<StepFunctionsException>(() =>
            StepFunctionsArn.Parse("arn:aws:states:us-east-1:123456789012:stateMachine:p", StepFunctionsResourceType.Execution))!;
        Assert.That(error.Message, Is.EqualTo("Invalid Arn: 'Resource type not valid in this context: statemachine'"));
    }
}
