using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Validation;

public sealed class ErrorHandlingRuleTests
{
    private static string Task(string handling) =>
        Asl.Machine($"'A':{{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',{handling},'End':true}}" + (handling.Contains("Catch", StringComparison.Ordinal) ? ",'F':{'Type':'Fail'}" : ""));

    [TestCase("'Retry':[{'ErrorEquals':[]}]", "/States/A/Retry/0/ErrorEquals")]
    [TestCase("'Retry':[{'ErrorEquals':['States.ALL','States.Timeout']}]", "/States/A/Retry/0/ErrorEquals")]
    [TestCase("'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['States.Timeout']}]", "/States/A/Retry/0/ErrorEquals")]
    [TestCase("'Catch':[{'ErrorEquals':['States.ALL'],'Next':'F'},{'ErrorEquals':['E'],'Next':'F'}]", "/States/A/Catch/0/ErrorEquals")]
    [TestCase("'Catch':[{'ErrorEquals':[],'Next':'F'}]", "/States/A/Catch/0/ErrorEquals")]
    public void Reports_a_rule_that_could_never_take_effect(string handling, string pointer) =>
        Assert.That(Asl.Found(Asl.Errors(Task(handling))), Is.EqualTo(new[] { $"{pointer} {DefinitionErrorCodes.InvalidErrorHandling}" }));

    [Test]
    public void Accepts_States_ALL_alone_in_the_last_rule() =>
        Assert.That(Asl.Errors(Task("'Retry':[{'ErrorEquals':['States.Timeout'],'MaxAttempts':0},{'ErrorEquals':['States.ALL']}],'Catch':[{'ErrorEquals':['E1','E2'],'Next':'F'},{'ErrorEquals':['States.ALL'],'Next':'F'}]")), Is.Empty);

    [Test]
    public void Says_which_rules_States_ALL_would_hide() =>
        Assert.That(Asl.Errors(Task("'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['E']}]")).Single().Message,
            Does.Contain("last Retrier").And.Contain("/States/A/Retry/1"));
}
