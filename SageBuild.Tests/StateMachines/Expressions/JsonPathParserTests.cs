using SageBuild.StateMachines.Expressions;

namespace SageBuild.Tests.StateMachines.Expressions;

public sealed class JsonPathParserTests
{
    [TestCase("$", "$", true)]
    [TestCase("$$", "$$", true)]
    [TestCase("$.a", "$['a']", true)]
    [TestCase("$.a.b[0]", "$['a']['b'][0]", true)]
    [TestCase("$['a b'].c", "$['a b']['c']", true)]
    [TestCase("$[\"quoted\"]", "$['quoted']", true)]
    [TestCase("$.delivery-partner", "$['delivery-partner']", true)]
    [TestCase("$.items[-1]", "$['items'][-1]", true)]
    [TestCase("$$.Execution.Input.x", "$$['Execution']['Input']['x']", true)]
    [TestCase("$myVar", "$myVar", true)]
    [TestCase("$myVar.field[2]", "$myVar['field'][2]", true)]
    [TestCase("$.items[*]", "$['items'][*]", false)]
    [TestCase("$.items.*", "$['items'][*]", false)]
    [TestCase("$..name", "$..['name']", false)]
    [TestCase("$..*", "$..[*]", false)]
    [TestCase("$..[0]", "$..[0]", false)]
    [TestCase("$.items[1:5]", "$['items'][1:5]", false)]
    [TestCase("$.items[:2]", "$['items'][:2]", false)]
    [TestCase("$.items[-2:]", "$['items'][-2:]", false)]
    [TestCase("$.items[::2]", "$['items'][::2]", false)]
    [TestCase("$.items[0,2]", "$['items'][0,2]", false)]
    [TestCase("$.o['a','b'].c", "$['o']['a','b']['c']", false)]
    [TestCase("$.o['a','b']", "$['o']['a','b']", true)]
    [TestCase("$.items.length()", "$['items'].length()", true)]
    [TestCase("$.items[?(@.price < 10)]", "$['items'][?(@.price < 10)]", false)]
    [TestCase("$.items[ ?( @.a == 'x' && !(@.b) ) ]", "$['items'][?(@.a == 'x' && !(@.b))]", false)]
    public void Parses_and_prints_the_path_in_Jaywayʼs_normalised_form(string text, string normalized, bool definite)
    {
        var path = JsonPath.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(path.ToNormalizedString(), Is.EqualTo(normalized));
            Assert.That(path.IsDefinite, Is.EqualTo(definite));
            Assert.That(path.Text, Is.EqualTo(text));
        });
    }

    [Test]
    public void Tells_the_three_roots_apart()
    {
        Assert.Multiple(() =>
        {
            Assert.That(JsonPath.Parse("$.x").Root, Is.EqualTo(JsonPathRoot.Input));
            Assert.That(JsonPath.Parse("$$.Map.Item.Value").Root, Is.EqualTo(JsonPathRoot.Context));
            var variable = JsonPath.Parse("$counter_2.total");
            Assert.That(variable.Root, Is.EqualTo(JsonPathRoot.Variable));
            Assert.That(variable.VariableName, Is.EqualTo("counter_2"));
            Assert.That(variable.Segments, Is.EqualTo(new PathSegment[] { new PropertySegment("total") }));
        });
    }

    [Test]
    public void Keeps_a_backslash_in_a_quoted_name_as_AWS_does()
    {
        // Recorded against AWS: $['Test\""Name"'] reads the key Test\""Name"; the backslash is part of the name.
        var path = JsonPath.Parse("$['Test\\\"\"Name\"']");

        Assert.That(path.Segments[0], Is.EqualTo(new PropertySegment("Test\\\"\"Name\"")));
    }

    [Test]
    public void Parses_filters_with_every_operator_family()
    {
        foreach (var filter in new[]
        {
            "@.a == 1", "@.a != 'x'", "@.a < 1.5", "@.a <= -2", "@.a > 1e3", "@.a >= 0", "@.name =~ /ab.*/i",
            "@.a in ['x','y']", "@.a nin [1, 2]", "@.tags subsetof ['a']", "@.tags anyof ['a']", "@.tags noneof ['a']",
            "@.tags size 2", "@.tags empty false", "@.isbn", "!@.isbn", "@.a == true || @.b == null", "(@.a > 1 && @.b < 2) || @.c",
            "@.a == $.limit", "@['odd key'] == \"v\"", "@.price < $.items[0].price",
        })
        {
            Assert.That(() => JsonPath.Parse($"$.items[?({filter})]"), Throws.Nothing, filter);
        }
    }

    [TestCase("", 0, "a JSONPath starts with '$'")]
    [TestCase("a.b", 0, "a JSONPath starts with '$'")]
    [TestCase("$.", 2, "expected a property name after '.'")]
    [TestCase("$.a.", 4, "expected a property name after '.'")]
    [TestCase("$a b", 2, "unexpected ' '")]
    [TestCase("$.a b", 3, "a name with blanks needs bracket notation")]
    [TestCase("$.a[", 4, "the path ends inside '['")]
    [TestCase("$.a[0", 5, "expected ']' but the path ends")]
    [TestCase("$.a['x", 4, "the quoted name starting here has no closing '")]
    [TestCase("$.a[x]", 4, "unexpected 'x' after '['")]
    [TestCase("$.a[1:2:0]", 8, "a slice's step cannot be 0")]
    [TestCase("$.a[99999999999]", 4, "the index is too large")]
    [TestCase("$.a]", 3, "unexpected ']' in a name")]
    [TestCase("$.a.length().b", 12, "a function such as length() ends the path")]
    [TestCase("$.a.sum(1)", 8, "the function sum() takes no arguments")]
    [TestCase("$.a[?(@.b ==)]", 12, "unexpected ')'")]
    [TestCase("$.a[?(@.b =~ 'x')]", 13, "'=~' needs a regular expression")]
    [TestCase("$.a[?(@.b =~ /[/)]", 13, "the regular expression does not parse")]
    [TestCase("$.a[?(1)]", 6, "a filter needs a comparison or a path that must exist")]
    [TestCase("$.a[?(@.b == 1]", 14, "expected ')' but found ']'")]
    public void Reports_a_syntax_error_with_its_position(string text, int position, string reason)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => JsonPath.Parse(text))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Position, Is.EqualTo(position), error.Message);
            Assert.That(error.Reason, Does.StartWith(reason));
            Assert.That(error.Message, Does.Contain($"at character {position + 1} of '{text}'"));
            Assert.That(error, Is.InstanceOf<FormatException>());
        });
    }

    [TestCase("$.a[*]", 3, "a wildcard")]
    [TestCase("$.a.b[1:2]", 5, "a slice")]
    [TestCase("$..a", 1, "a recursive descent ('..')")]
    [TestCase("$.a[?(@.x)]", 3, "a filter")]
    [TestCase("$.a.length()", 3, "the function length()")]
    [TestCase("$.a[0,1]", 3, "a union")]
    [TestCase("$['a','b']", 1, "a union")]
    public void Refuses_a_reference_path_that_could_select_many_nodes(string text, int position, string what)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => JsonPath.ParseReferencePath(text))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Position, Is.EqualTo(position));
            Assert.That(error.Reason, Is.EqualTo($"a reference path has only properties and indexes, not {what}"));
        });
    }

    [TestCase("$")]
    [TestCase("$.a.b[0]['c d'][-1]")]
    [TestCase("$$.Execution.Id")]
    [TestCase("$var.x")]
    public void Accepts_reference_paths(string text) =>
        Assert.That(JsonPath.ParseReferencePath(text).IsReferencePath, Is.True);

    [Test]
    public void TryParse_reports_failure_without_throwing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(JsonPath.TryParse("$.ok", out var path, out var none), Is.True);
            Assert.That(path!.Text, Is.EqualTo("$.ok"));
            Assert.That(none, Is.Null);
            Assert.That(JsonPath.TryParse("nope", out var missing, out var error), Is.False);
            Assert.That(missing, Is.Null);
            Assert.That(error!.Position, Is.Zero);
        });
    }

    [Test]
    public void The_normalised_form_parses_back_to_the_same_path()
    {
        var paths = new[]
        {
            "$", "$$", "$v", "$.a.b[0]", "$['a b'][-1]", "$..x", "$..*", "$..[1:3]", "$.a[*].b", "$.a.*", "$.a[1:]", "$.a[:-1]",
            "$.a[::3]", "$.a[5:1:-1]", "$.a[0,2,-1]", "$['x','y']", "$.a['x','y'].z", "$.a.length()", "$.a[?(@.b > 1 && !@.c)]",
            "$$.Execution.Input['odd.key']", "$var['k'][2].length()", "$.a[?(@.s =~ /^x.*$/i || @.t in ['p','q'])]",
        };

        Assert.Multiple(() =>
        {
            foreach (var text in paths)
            {
                var path = JsonPath.Parse(text);
                var again = JsonPath.Parse(path.ToNormalizedString());
                Assert.That(again.Segments, Is.EqualTo(path.Segments), text);
                Assert.That((again.Root, again.VariableName), Is.EqualTo((path.Root, path.VariableName)), text);
                Assert.That(again.ToNormalizedString(), Is.EqualTo(path.ToNormalizedString()), text);
            }
        });
    }
}
