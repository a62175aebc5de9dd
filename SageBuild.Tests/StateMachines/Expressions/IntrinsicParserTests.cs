using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.StateMachines.Expressions;

public sealed class IntrinsicParserTests
{
    [Test]
    public void Parses_nested_calls_literals_and_paths()
    {
        var call = IntrinsicCall.Parse("States.Format('{}-{}', States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0), $var.x)");

        Assert.Multiple(() =>
        {
            Assert.That(call.Name, Is.EqualTo("States.Format"));
            Assert.That(call.Arguments, Has.Count.EqualTo(3));
            Assert.That(((IntrinsicLiteralArgument)call.Arguments[0]).Value, Is.EqualTo(JsonValue.FromString("{}-{}")));
            var inner = (IntrinsicCall)call.Arguments[1];
            Assert.That(inner.Name, Is.EqualTo("States.ArrayGetItem"));
            var split = (IntrinsicCall)inner.Arguments[0];
            Assert.That(((IntrinsicPathArgument)split.Arguments[0]).Path.Root, Is.EqualTo(JsonPathRoot.Context));
            Assert.That(((IntrinsicLiteralArgument)inner.Arguments[1]).Value, Is.EqualTo((JsonValue)0));
            Assert.That(((IntrinsicPathArgument)call.Arguments[2]).Path.VariableName, Is.EqualTo("var"));
        });
    }

    [TestCase("States.Array(1, -2.5, 3e2, true, false, null)", "[1,-2.5,300,true,false,null]")]
    [TestCase("States.Array()", "[]")]
    [TestCase("States.Array( 'a' ,'b' )", "[\"a\",\"b\"]")]
    [TestCase(@"States.Array('it\'s', '\{\}', 'back\\slash')", @"[""it's"",""{}"",""back\\slash""]")]
    [TestCase("States.Array('a,b)', 'c')", "[\"a,b)\",\"c\"]")]
    public void Reads_literal_arguments(string text, string expected)
    {
        var call = IntrinsicCall.Parse(text);
        var values = JsonArray.Create(call.Arguments.Select(a => ((IntrinsicLiteralArgument)a).Value));

        Assert.That(values, Is.EqualTo(JsonValue.Parse(expected)));
    }

    [Test]
    public void Ends_a_path_argument_at_the_comma_outside_brackets_and_filters()
    {
        var call = IntrinsicCall.Parse("States.Array($.a['x,y'], $.b[?(@.c == 'd,e')], $.c[0,1], $)");
        var paths = call.Arguments.Select(a => ((IntrinsicPathArgument)a).Path.Text);

        Assert.That(paths, Is.EqualTo(new[] { "$.a['x,y']", "$.b[?(@.c == 'd,e')]", "$.c[0,1]", "$" }));
    }

    [Test]
    public void Accepts_ten_nested_calls_and_refuses_eleven()
    {
        var ten = string.Concat(Enumerable.Repeat("States.Array(", 10)) + string.Concat(Enumerable.Repeat(")", 10));
        var eleven = string.Concat(Enumerable.Repeat("States.Array(", 11)) + string.Concat(Enumerable.Repeat(")", 11));

        Assert.Multiple(() =>
        {
            Assert.That(() => IntrinsicCall.Parse(ten), Throws.Nothing);
            var error = Assert.Throws<ExpressionSyntaxException>(() => IntrinsicCall.Parse(eleven))!;
            Assert.That(error.Reason, Is.EqualTo("intrinsic functions nest at most 10 deep"));
            Assert.That(error.Position, Is.EqualTo(130));
        });
    }

    [Test]
    public void Defers_an_escape_that_escapes_nothing_to_evaluation_as_AWS_does()
    {
        var call = IntrinsicCall.Parse(@"States.StringSplit('a\nb', ',')");
        var literal = (IntrinsicLiteralArgument)call.Arguments[0];

        Assert.That(literal.EscapeError, Does.Contain("escapes nothing"));
    }

    [TestCase("States.Foo(1)", 0, "'States.Foo' is not an intrinsic function")]
    [TestCase("States.ArrayRange(1, 2)", 0, "States.ArrayRange takes 3 arguments, not 2")]
    [TestCase("States.UUID(1)", 0, "States.UUID takes 0 arguments, not 1")]
    [TestCase("States.Format()", 0, "States.Format takes at least 1 argument, not 0")]
    [TestCase("States.MathRandom(1)", 0, "States.MathRandom takes 2 to 3 arguments, not 1")]
    [TestCase("States.Format('{} and {}', $.a)", 0, "States.Format's template has 2 '{}' but 1 values follow it")]
    [TestCase(@"States.Format('\{\} and {}', $.a)", -1, "")]
    [TestCase("States.Format(1, $.a)", 14, "States.Format's first argument is a string")]
    [TestCase("States.Array('abc", 13, "the string starting here has no closing quote")]
    [TestCase("States.Array(1,", 15, "the expression ends where an argument was expected")]
    [TestCase("States.Array(1 2)", 15, "expected ')' but found '2'")]
    [TestCase("States.Array(x)", 13, "unexpected 'x'")]
    [TestCase("States.Array(1))", 15, "unexpected ')' after the closing ')'")]
    [TestCase("States.Array($.a[)", 17, "unexpected ')' after '['")]
    [TestCase("States.Array(1.)", 13, "'1.' is not a number")]
    [TestCase("Format('x')", 0, "an intrinsic function starts with 'States.'")]
    public void Reports_a_syntax_error_with_its_position(string text, int position, string reason)
    {
        if (position < 0)
        {
            Assert.That(() => IntrinsicCall.Parse(text), Throws.Nothing, "escaped braces are not placeholders");
            return;
        }

        var error = Assert.Throws<ExpressionSyntaxException>(() => IntrinsicCall.Parse(text))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Reason, Does.StartWith(reason));
            Assert.That(error.Position, Is.EqualTo(position), error.Message);
        });
    }
}
