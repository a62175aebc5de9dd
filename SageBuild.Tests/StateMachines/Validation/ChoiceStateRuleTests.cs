using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Validation;

public sealed class ChoiceStateRuleTests
{
    private static string Choice(string rule) =>
        Asl.Machine($"'A':{{'Type':'Choice','Choices':[{{{rule},'Next':'B'}}],'Default':'B'}},'B':{{'Type':'Succeed'}}");

    [TestCase("'Variable':'$.x','StringEquals':1", "/States/A/Choices/0/StringEquals")]
    [TestCase("'Variable':'$.x','StringMatches':true", "/States/A/Choices/0/StringMatches")]
    [TestCase("'Variable':'$.x','NumericEquals':'1'", "/States/A/Choices/0/NumericEquals")]
    [TestCase("'Variable':'$.x','NumericLessThan':null", "/States/A/Choices/0/NumericLessThan")]
    [TestCase("'Variable':'$.x','BooleanEquals':'true'", "/States/A/Choices/0/BooleanEquals")]
    [TestCase("'Variable':'$.x','TimestampEquals':'2016-03-14 01:59:00Z'", "/States/A/Choices/0/TimestampEquals")]
    [TestCase("'Variable':'$.x','TimestampLessThan':'2016-03-14t01:59:00z'", "/States/A/Choices/0/TimestampLessThan")]
    [TestCase("'Variable':'$.x','TimestampGreaterThan':'2016-02-30T01:59:00Z'", "/States/A/Choices/0/TimestampGreaterThan")]
    [TestCase("'Variable':'$.x','IsNull':'yes'", "/States/A/Choices/0/IsNull")]
    [TestCase("'Variable':'$.x','StringEqualsPath':3", "/States/A/Choices/0/StringEqualsPath")]
    [TestCase("'And':[{'Variable':'$.x','IsNull':true},{'Not':{'Variable':'$.y','NumericEquals':'2'}}]", "/States/A/Choices/0/And/1/Not/NumericEquals")]
    [TestCase("'Or':[{'Variable':'$.x','BooleanEquals':1}]", "/States/A/Choices/0/Or/0/BooleanEquals")]
    public void Reports_an_operator_given_a_value_of_the_wrong_type_at_that_operator(string rule, string pointer) =>
        Assert.That(Asl.Found(Asl.Errors(Choice(rule))), Is.EqualTo(new[] { $"{pointer} {DefinitionErrorCodes.InvalidChoiceRule}" }));

    // Path syntax belongs to the expression-syntax rule: one problem, one report.
    [TestCase("'Variable':'$.x','NumericEqualsPath':'x'", "/States/A/Choices/0/NumericEqualsPath")]
    [TestCase("'Variable':'x','IsPresent':true", "/States/A/Choices/0/Variable")]
    public void Reports_a_path_that_does_not_parse_once_as_a_path_error(string rule, string pointer) =>
        Assert.That(Asl.Found(Asl.Errors(Choice(rule))), Is.EqualTo(new[] { $"{pointer} {DefinitionErrorCodes.InvalidPath}" }));

    [TestCase("'Variable':'$.x','TimestampEquals':'2016-03-14T01:59:00Z'")]
    [TestCase("'Variable':'$.x','TimestampEquals':'2016-03-14T01:59:00.123+05:30'")]
    [TestCase("'Variable':'$$.Execution.StartTime','IsTimestamp':false")]
    [TestCase("'Variable':'$myVar','StringMatches':'log-*.txt'")]
    [TestCase("'Variable':'$.x','NumericGreaterThanEqualsPath':'$.y'")]
    public void Accepts_well_typed_operators(string rule) =>
        Assert.That(Asl.Errors(Choice(rule)), Is.Empty);

    [Test]
    public void Reports_a_Choice_state_without_rules()
    {
        var errors = Asl.Errors(Asl.Machine("'A':{'Type':'Choice','Choices':[],'Default':'B'},'B':{'Type':'Succeed'}"));
        Assert.That(Asl.Found(errors), Is.EqualTo(new[] { $"/States/A/Choices {DefinitionErrorCodes.InvalidChoiceRule}" }));
    }

    [Test]
    public void Names_the_expected_type_in_the_message() =>
        Assert.That(Asl.Errors(Choice("'Variable':'$.x','NumericEquals':'1'")).Single().Message, Does.Contain("number").And.Contain("\"1\""));
}
