using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Validation;

public sealed class FieldCombinationRuleTests
{
    private const string Schema = DefinitionErrorCodes.SchemaValidationFailed;

    [TestCase("'A':{'Type':'Pass','Next':'B','End':true},'B':{'Type':'Succeed'}", "/States/A/End")]
    [TestCase("'A':{'Type':'Pass'}", "/States/A")]
    [TestCase("'A':{'Type':'Pass','End':false}", "/States/A")]
    [TestCase("'A':{'Type':'Wait','End':true}", "/States/A")]
    [TestCase("'A':{'Type':'Wait','Seconds':1,'TimestampPath':'$.t','End':true}", "/States/A/TimestampPath")]
    [TestCase("'A':{'Type':'Fail','Error':'E','ErrorPath':'$.e'}", "/States/A/ErrorPath")]
    [TestCase("'A':{'Type':'Fail','Cause':'C','CausePath':'$.c'}", "/States/A/CausePath")]
    [TestCase("'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','TimeoutSeconds':5,'TimeoutSecondsPath':'$.t','End':true}", "/States/A/TimeoutSecondsPath")]
    [TestCase("'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','HeartbeatSeconds':5,'HeartbeatSecondsPath':'$.h','End':true}", "/States/A/HeartbeatSecondsPath")]
    [TestCase("'A':{'Type':'Map','End':true}", "/States/A")]
    [TestCase("'A':{'Type':'Map','ItemsPath':'$.a','Items':[1],'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}", "/States/A/ItemsPath")]
    [TestCase("'A':{'Type':'Map','MaxConcurrency':1,'MaxConcurrencyPath':'$.m','ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}", "/States/A/MaxConcurrencyPath")]
    [TestCase("'A':{'Type':'Map','ItemSelector':{},'Parameters':{},'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}", "/States/A/Parameters")]
    [TestCase("'A':{'Type':'Map','ItemBatcher':{},'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}", "/States/A/ItemBatcher")]
    [TestCase("'A':{'Type':'Succeed','Assign':{'x':1}}", "/States/A/Assign")]
    public void Reports_a_field_combination_AWS_refuses_at_the_field_to_change(string states, string pointer) =>
        Assert.That(Asl.Found(Asl.Errors(Asl.Machine(states))), Does.Contain($"{pointer} {Schema}"));

    [Test]
    public void Says_how_to_fix_a_state_with_both_Next_and_End()
    {
        var error = Asl.Errors(Asl.Machine("'A':{'Type':'Pass','Next':'B','End':true},'B':{'Type':'Succeed'}")).Single();
        Assert.That(error.Message, Does.Contain("not both").And.Contain("\"B\""));
    }

    [Test]
    public void Accepts_a_Map_with_both_ItemProcessor_forms_absent_only_once()
    {
        var errors = Asl.Errors(Asl.Machine(
            "'A':{'Type':'Map','ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'Iterator':{'StartAt':'J','States':{'J':{'Type':'Succeed'}}},'End':true}"));
        Assert.That(Asl.Found(errors), Is.EqualTo(new[] { $"/States/A/Iterator {Schema}" }));
    }
}
