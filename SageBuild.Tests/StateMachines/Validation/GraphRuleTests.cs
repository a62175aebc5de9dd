using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Validation;

public sealed class GraphRuleTests
{
    [Test]
    public void Reports_a_StartAt_that_names_no_state_and_suggests_the_close_one()
    {
        var error = Asl.Errors("{'StartAt':'Trian','States':{'Train':{'Type':'Succeed'}}}").Single();
        Assert.That((error.Pointer, error.Code), Is.EqualTo(("/StartAt", DefinitionErrorCodes.MissingTransitionTarget)));
        Assert.That(error.Message, Does.Contain("did you mean \"Train\""));
    }

    [TestCase("'A':{'Type':'Pass','Next':'Nope'},'B':{'Type':'Succeed'}", "/States/A/Next")]
    [TestCase("'A':{'Type':'Choice','Choices':[{'Variable':'$.x','IsNull':true,'Next':'Nope'}],'Default':'B'},'B':{'Type':'Succeed'}", "/States/A/Choices/0/Next")]
    [TestCase("'A':{'Type':'Choice','Choices':[{'Variable':'$.x','IsNull':true,'Next':'B'}],'Default':'Nope'},'B':{'Type':'Succeed'}", "/States/A/Default")]
    [TestCase("'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Catch':[{'ErrorEquals':['States.ALL'],'Next':'Nope'}],'End':true}", "/States/A/Catch/0/Next")]
    public void Reports_a_transition_to_a_missing_state_at_the_field_that_names_it(string states, string pointer) =>
        Assert.That(Asl.Found(Asl.Errors(Asl.Machine(states))), Does.Contain($"{pointer} {DefinitionErrorCodes.MissingTransitionTarget}"));

    [Test]
    public void Reports_a_branch_state_that_transitions_out_of_its_branch()
    {
        var errors = Asl.Errors(Asl.Machine(
            "'A':{'Type':'Parallel','Branches':[{'StartAt':'B1','States':{'B1':{'Type':'Pass','Next':'Done'}}}],'Next':'Done'},'Done':{'Type':'Succeed'}"));
        var error = errors.Single(e => e.Code == DefinitionErrorCodes.MissingTransitionTarget);
        Assert.That(error.Pointer, Is.EqualTo("/States/A/Branches/0/States/B1/Next"));
        Assert.That(error.Message, Does.Contain("the top level").And.Contain("cannot leave or enter"));
    }

    [Test]
    public void Reports_a_top_level_state_that_transitions_into_an_item_processor()
    {
        var errors = Asl.Errors(Asl.Machine(
            "'A':{'Type':'Map','ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}},'Next':'I'}"));
        Assert.That(Asl.Found(errors), Does.Contain($"/States/A/Next {DefinitionErrorCodes.MissingTransitionTarget}"));
        Assert.That(errors.First(e => e.Pointer == "/States/A/Next").Message, Does.Contain("/States/A/ItemProcessor"));
    }

    [Test]
    public void Reports_an_orphan_cycle_that_names_only_itself()
    {
        var errors = Asl.Errors(Asl.Machine(
            "'A':{'Type':'Succeed'},'X':{'Type':'Pass','Next':'Y'},'Y':{'Type':'Pass','Next':'X'}"));
        Assert.That(Asl.Found(errors), Is.EquivalentTo(new[]
        {
            $"/States/X {DefinitionErrorCodes.UnreachableState}",
            $"/States/Y {DefinitionErrorCodes.UnreachableState}",
        }));
        Assert.That(errors[0].Message, Does.Contain("\"Y\"").And.Contain("not reachable either"));
    }

    [Test]
    public void Reports_a_loop_with_no_way_out_at_its_graph()
    {
        var errors = Asl.Errors(Asl.Machine("'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'}"));
        Assert.That(Asl.Found(errors), Is.EqualTo(new[] { $" {DefinitionErrorCodes.NoTerminalState}" }));
    }

    [Test]
    public void Reports_a_branch_whose_only_terminal_state_is_unreachable()
    {
        var errors = Asl.Errors(Asl.Machine(
            "'A':{'Type':'Parallel','Branches':[{'StartAt':'L1','States':{'L1':{'Type':'Pass','Next':'L2'},'L2':{'Type':'Pass','Next':'L1'},'Out':{'Type':'Succeed'}}}],'End':true}"));
        Assert.That(Asl.Found(errors), Is.EquivalentTo(new[]
        {
            $"/States/A/Branches/0/States/Out {DefinitionErrorCodes.UnreachableState}",
            $"/States/A/Branches/0 {DefinitionErrorCodes.NoTerminalState}",
        }));
    }

    [Test]
    public void Counts_a_Catch_as_a_way_to_reach_a_state() =>
        Assert.That(Asl.Errors(Asl.Machine(
            "'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Catch':[{'ErrorEquals':['States.ALL'],'Next':'Failed'}],'End':true},'Failed':{'Type':'Fail'}")), Is.Empty);

    [Test]
    public void Reports_a_state_with_an_unknown_type_once_rather_than_at_every_transition_to_it()
    {
        var errors = Asl.Errors(Asl.Machine("'A':{'Type':'Sleep','Next':'B'},'B':{'Type':'Succeed'}"));
        Assert.That(Asl.Found(errors), Is.EqualTo(new[] { $"/States/A/Type {DefinitionErrorCodes.SchemaValidationFailed}" }));
    }
}
