using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;
using JsonataField = SageBuild.StateMachines.Builders.Jsonata;

namespace SageBuild.Tests.StateMachines.Builders;

public sealed class FieldTests
{
    [Test]
    public void A_literal_is_not_dynamic_and_a_path_or_expression_is()
    {
        Field<string> literal = "sagebuild";

        Assert.Multiple(() =>
        {
            Assert.That(literal.IsDynamic, Is.False);
            Assert.That(literal.Value, Is.EqualTo("sagebuild"));
            Assert.That(JsonPath.StringAt("$.name").IsDynamic, Is.True);
            Assert.That(JsonPath.StringAt("$.name").Expression, Is.EqualTo("$.name"));
            Assert.That(JsonataField.String("{% $states.input.name %}").Expression, Is.EqualTo("$states.input.name"));
            Assert.That(JsonataField.String("$x").IsJsonata, Is.True);
        });
    }

    [Test]
    public void A_path_without_a_leading_dollar_is_refused_where_it_is_written()
    {
        Assert.That(() => JsonPath.StringAt("name"), Throws.ArgumentException.With.Message.Contains("'name' is not a JSONPath"));
    }

    [Test]
    public void An_unclosed_JSONata_expression_is_refused()
    {
        Assert.That(() => JsonataField.Value("{% $states.input"), Throws.ArgumentException.With.Message.Contains("does not close"));
    }

    [Test]
    public void A_template_key_ending_in_dot_dollar_is_refused_because_the_suffix_comes_from_the_value()
    {
        Assert.That(() => TaskInput.FromObject(("name.$", "$.name")), Throws.ArgumentException.With.Message.Contains("'name.$'"));
    }

    [Test]
    public void Merging_templates_replaces_a_key_whatever_its_form()
    {
        var merged = TaskInput.FromObject(("a", 1), ("b", JsonPath.StringAt("$.b"))).Merge(TaskInput.FromObject(("b", "fixed"), ("c", true)));

        Assert.That(JsonValue.Parse(merged.ToString()), Is.EqualTo(JsonValue.Parse("""{"a": 1, "b": "fixed", "c": true}""")));
    }

    [TestCase("sagebuild-dev", "sagebuild-dev")]
    public void The_IAM_name_of_a_literal_is_the_literal(string name, string expected)
    {
        Assert.That(IamResources.NamePattern(name), Is.EqualTo(expected));
    }

    [Test]
    public void The_IAM_name_of_a_dynamic_value_keeps_its_fixed_prefix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(IamResources.NamePattern(JsonPath.Format("sagebuild-dev-{}-{}", "$.a", "$.b")), Is.EqualTo("sagebuild-dev-*"));
            Assert.That(IamResources.NamePattern(JsonPath.Format("it's-{}", "$.a")), Is.EqualTo("it's-*"));
            Assert.That(IamResources.NamePattern(JsonataField.String("'sagebuild-' & $states.input.build")), Is.EqualTo("sagebuild-*"));
            Assert.That(IamResources.NamePattern(JsonPath.StringAt("$.name")), Is.EqualTo("*"));
            Assert.That(IamResources.NamePattern("Sage-Build", lowercase: true), Is.EqualTo("sage-build"));
        });
    }
}
