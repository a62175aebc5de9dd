using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Validation;

public sealed class NameRuleTests
{
    private static string Processor(string state) => $"'ProcessorConfig':{{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'}},'StartAt':'{state}','States':{{'{state}':{{'Type':'Succeed'}}}}";

    [Test]
    public void Reports_a_name_used_in_a_branch_and_at_the_top_with_both_pointers()
    {
        var errors = Asl.Errors(Asl.Machine(
            "'A':{'Type':'Parallel','Branches':[{'StartAt':'Deploy','States':{'Deploy':{'Type':'Succeed'}}}],'Next':'Deploy'},'Deploy':{'Type':'Succeed'}"));
        var error = errors.Single();
        Assert.That((error.Pointer, error.Code), Is.EqualTo(("/States/Deploy", DefinitionErrorCodes.DuplicateStateName)));
        Assert.That(error.Message, Does.Contain("/States/A/Branches/0/States/Deploy"));
    }

    [Test]
    public void Reports_a_state_name_longer_than_80_characters()
    {
        var name = new string('n', 81);
        var error = Asl.Errors($"{{'StartAt':'{name}','States':{{'{name}':{{'Type':'Succeed'}}}}}}").Single();
        Assert.That((error.Pointer, error.Code), Is.EqualTo(($"/States/{name}", DefinitionErrorCodes.InvalidStateName)));
    }

    [Test]
    public void Accepts_an_80_character_name_with_spaces()
    {
        var name = "Train the " + new string('m', 70);
        Assert.That(Asl.Errors($"{{'StartAt':'{name}','States':{{'{name}':{{'Type':'Succeed'}}}}}}"), Is.Empty);
    }

    [TestCase("has space", DefinitionErrorCodes.InvalidLabelName)]
    [TestCase("a/b", DefinitionErrorCodes.InvalidLabelName)]
    [TestCase("L1234567890123456789012345678901234567890", DefinitionErrorCodes.InvalidLabelName)]
    public void Reports_a_Map_label_AWS_refuses(string label, string code)
    {
        var errors = Asl.Errors(Asl.Machine(
            $"'A':{{'Type':'Map','Label':'{label}','ItemProcessor':{{{Processor("I")}}},'End':true}}"));
        Assert.That(Asl.Found(errors), Is.EqualTo(new[] { $"/States/A/Label {code}" }));
    }

    [Test]
    public void Reports_two_maps_sharing_a_label()
    {
        var one = Processor("I");
        var two = Processor("J");
        var errors = Asl.Errors(Asl.Machine(
            $"'A':{{'Type':'Map','Label':'Items','ItemProcessor':{{{one}}},'Next':'B'}},'B':{{'Type':'Map','Label':'Items','ItemProcessor':{{{two}}},'End':true}}"));
        Assert.That(Asl.Found(errors), Is.EqualTo(new[] { $"/States/B/Label {DefinitionErrorCodes.DuplicateLabelName}" }));
    }
}
