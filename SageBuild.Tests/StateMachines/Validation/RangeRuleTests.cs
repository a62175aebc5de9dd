using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Validation;

public sealed class RangeRuleTests
{
    private const string Task = "'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true";
    private const string Processor = "'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true";

    [TestCase("'A':{" + Task + ",'TimeoutSeconds':0}", "/States/A/TimeoutSeconds")]
    [TestCase("'A':{" + Task + ",'TimeoutSeconds':1.5}", "/States/A/TimeoutSeconds")]
    [TestCase("'A':{" + Task + ",'HeartbeatSeconds':0}", "/States/A/HeartbeatSeconds")]
    [TestCase("'A':{" + Task + ",'TimeoutSeconds':10,'HeartbeatSeconds':10}", "/States/A/HeartbeatSeconds")]
    [TestCase("'A':{" + Task + ",'Retry':[{'ErrorEquals':['E'],'IntervalSeconds':0}]}", "/States/A/Retry/0/IntervalSeconds")]
    [TestCase("'A':{" + Task + ",'Retry':[{'ErrorEquals':['E'],'MaxAttempts':-1}]}", "/States/A/Retry/0/MaxAttempts")]
    [TestCase("'A':{" + Task + ",'Retry':[{'ErrorEquals':['E'],'BackoffRate':0.5}]}", "/States/A/Retry/0/BackoffRate")]
    [TestCase("'A':{" + Task + ",'Retry':[{'ErrorEquals':['E'],'MaxDelaySeconds':0}]}", "/States/A/Retry/0/MaxDelaySeconds")]
    [TestCase("'A':{'Type':'Wait','Seconds':-1,'End':true}", "/States/A/Seconds")]
    [TestCase("'A':{'Type':'Map','MaxConcurrency':-1," + Processor + "}", "/States/A/MaxConcurrency")]
    [TestCase("'A':{'Type':'Map','ToleratedFailurePercentage':101," + Processor + "}", "/States/A/ToleratedFailurePercentage")]
    [TestCase("'A':{'Type':'Map','ToleratedFailureCount':-2," + Processor + "}", "/States/A/ToleratedFailureCount")]
    [TestCase("'A':{'Type':'Map','ItemBatcher':{'MaxItemsPerBatch':0}," + Processor + "}", "/States/A/ItemBatcher/MaxItemsPerBatch")]
    [TestCase("'A':{'Type':'Map','ItemBatcher':{'MaxInputBytesPerBatch':300000}," + Processor + "}", "/States/A/ItemBatcher/MaxInputBytesPerBatch")]
    public void Reports_a_number_outside_the_range_AWS_accepts(string states, string pointer) =>
        Assert.That(Asl.Found(Asl.Errors(Asl.Machine(states))), Is.EqualTo(new[] { $"{pointer} {DefinitionErrorCodes.SchemaValidationFailed}" }));

    [TestCase("'A':{" + Task + ",'TimeoutSeconds':10,'HeartbeatSeconds':9,'Retry':[{'ErrorEquals':['E'],'IntervalSeconds':1,'MaxAttempts':0,'BackoffRate':1,'MaxDelaySeconds':1}]}")]
    [TestCase("'A':{'Type':'Wait','Seconds':0,'End':true}")]
    [TestCase("'A':{'Type':'Map','MaxConcurrency':0,'ToleratedFailurePercentage':0.5,'ToleratedFailureCount':0," + Processor + "}")]
    public void Accepts_the_edges_of_each_range(string states) =>
        Assert.That(Asl.Errors(Asl.Machine(states)), Is.Empty);

    [Test]
    public void Reports_a_top_level_timeout_of_zero() =>
        Assert.That(Asl.Found(Asl.Errors("{'StartAt':'A','TimeoutSeconds':0,'States':{'A':{'Type':'Succeed'}}}")),
            Is.EqualTo(new[] { $"/TimeoutSeconds {DefinitionErrorCodes.SchemaValidationFailed}" }));
}
