using SageBuild.Engine.Api;

namespace SageBuild.Tests.Engine.Api;

public sealed class StepFunctionsNamesTests
{
    [TestCase("pipeline")]
    [TestCase("train-2026.03_v1")]
    [TestCase("модель")]
    [TestCase("a")]
    public void Accepts_names_AWS_accepts(string name) => Assert.That(StepFunctionsNames.IsValid(name), Is.True);

    [Test]
    public void Accepts_eighty_characters_and_refuses_eighty_one()
    {
        Assert.That(StepFunctionsNames.IsValid(new string('a', 80)), Is.True);
        Assert.That(StepFunctionsNames.IsValid(new string('a', 81)), Is.False);
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("tab\there")]
    [TestCase("a<b")]
    [TestCase("a{b}")]
    [TestCase("a[0]")]
    [TestCase("what?")]
    [TestCase("star*")]
    [TestCase("quote\"")]
    [TestCase("hash#")]
    [TestCase("100%")]
    [TestCase("back\\slash")]
    [TestCase("caret^")]
    [TestCase("pipe|")]
    [TestCase("tilde~")]
    [TestCase("tick`")]
    [TestCase("dollar$")]
    [TestCase("and&")]
    [TestCase("comma,")]
    [TestCase("semi;")]
    [TestCase("colon:")]
    [TestCase("slash/")]
    [TestCase("bell\u0007")]
    [TestCase("c1\u0085")]
    [TestCase("del\u007F")]
    public void Refuses_names_with_characters_AWS_forbids(string name)
    {
        var error = Assert.Throws<StepFunctionsException>(() => StepFunctionsNames.EnsureValid(name))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidName));
        Assert.That(error.Message, Is.EqualTo($"Invalid Name: '{name}'"));
    }
}
