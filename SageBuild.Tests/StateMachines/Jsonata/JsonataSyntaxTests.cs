using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Tests.StateMachines.Jsonata;

/// <summary>Recognising <c>{% %}</c> expressions in ASL strings and checking their syntax.</summary>
public sealed class JsonataSyntaxTests
{
    [TestCase("{% $states.input %}", true, " $states.input ")]
    [TestCase("{%1%}", true, "1")]
    [TestCase(" {% 1 %}", false, "")]
    [TestCase("{% 1 %} ", false, "")]
    [TestCase("{% 1", false, "")]
    [TestCase("$states.input", false, "")]
    [TestCase("{%%}", true, "")]
    public void Only_a_string_that_is_exactly_delimited_is_an_expression(string text, bool isExpression, string inner)
    {
        Assert.That(JsonataSyntax.IsExpression(text), Is.EqualTo(isExpression));
        Assert.That(JsonataSyntax.TryUnwrap(text, out var expression), Is.EqualTo(isExpression));
        Assert.That(expression, Is.EqualTo(inner));
    }

    [TestCase("Account.Order[0].Product{`Product Name`: $sum(Price)}")]
    [TestCase("function($x) <n-:n> { $x * 2 }")]
    [TestCase("$states.input ~> | a | {'b': 1}, ['c'] |")]
    [TestCase("/* comment */ λ($f) { $f(?) }")]
    [TestCase("a.b@$x#$i[$i > 0]^(>c).d")]
    [TestCase("a.b#$i[$i > 0].%.d")]
    public void The_whole_grammar_parses(string expression) =>
        Assert.That(JsonataSyntax.Check(expression), Is.Null);

    [TestCase("", "S0207", 0)]
    [TestCase("1 +", "S0207", 3)]
    [TestCase("'open", "S0101", 5)]
    [TestCase("\"\\q\"", "S0103", 2)]
    [TestCase("a := 1", "S0212", 1)]
    [TestCase("function(a) { 1 }", "S0208", 10)]
    [TestCase("//", "S0301", 1)]
    [TestCase("1 ! 2", "S0204", 3)]
    [TestCase("%", "S0217", 1)]
    [TestCase("a.1", "S0213", 3)]
    public void A_syntax_error_carries_JSONata_s_code_and_position(string expression, string code, int position)
    {
        var error = JsonataSyntax.Check(expression);
        Assert.That(error, Is.Not.Null);
        Assert.That((error!.Code, error.Position), Is.EqualTo((code, position)));
        Assert.That(error.Message, Does.StartWith($"{code} at position {position}: "));
    }
}
