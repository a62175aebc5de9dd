using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Expressions;

public sealed class PayloadTemplateTests
{
    [Test]
    public void Fills_dollar_keys_from_the_input_the_context_variables_and_intrinsics_at_any_depth()
    {
        var template = PayloadTemplate.Compile(JsonValue.Parse("""
            {
              "flagged": true,
              "first.$": "$.vals[0]",
              "last3.$": "$.vals[3:]",
              "execution.$": "$$.Execution.Name",
              "nested": { "count.$": "$counter", "list": [ 1, { "sum.$": "States.MathAdd($.vals[1], 5)" } ] },
              "path-like literal": "$.vals"
            }
            """));
        var scope = new TestScope("""{"flagged":7,"vals":[0,10,20,30,40,50]}""", """{"Execution":{"Name":"run-1"}}""").With("counter", "3");

        Assert.That(template.Evaluate(scope), Is.EqualTo(JsonValue.Parse("""
            {
              "flagged": true, "first": 0, "last3": [30,40,50], "execution": "run-1",
              "nested": { "count": 3, "list": [ 1, { "sum": 15 } ] },
              "path-like literal": "$.vals"
            }
            """)));
    }

    [Test]
    public void Keeps_the_templateʼs_key_order()
    {
        var template = PayloadTemplate.Compile(JsonValue.Parse("""{"z":1,"y.$":"$.a","x":{"w.$":"$.a"}}"""));

        var result = (JsonObject)template.Evaluate(new TestScope("""{"a":2}"""));

        Assert.That(result.Keys, Is.EqualTo(new[] { "z", "y", "x" }));
    }

    [Test]
    public void Shares_constant_parts_and_selected_values_instead_of_copying_them()
    {
        var source = (JsonObject)JsonValue.Parse("""{"constant":{"deep":[1,2,3]},"picked.$":"$.big"}""");
        var template = PayloadTemplate.Compile(source);
        var scope = new TestScope("""{"big":{"a":[1,2,3]}}""");

        var result = (JsonObject)template.Evaluate(scope);

        Assert.Multiple(() =>
        {
            Assert.That(result["constant"], Is.SameAs(source["constant"]));
            Assert.That(result["picked"], Is.SameAs(((JsonObject)scope.Input)["big"]));
        });
    }

    [Test]
    public void A_template_without_dollar_keys_is_itself()
    {
        var source = JsonValue.Parse("""{"a":[{"b":"$.not-a-path"}],"c":null}""");
        var template = PayloadTemplate.Compile(source);

        Assert.Multiple(() =>
        {
            Assert.That(template.IsConstant, Is.True);
            Assert.That(template.Evaluate(new TestScope()), Is.SameAs(source));
        });
    }

    [Test]
    public void A_later_dollar_key_replaces_the_literal_key_of_the_same_name_in_place()
    {
        var template = PayloadTemplate.Compile(JsonValue.Parse("""{"a":"literal","b":2,"a.$":"$.x"}"""));

        Assert.That(template.Evaluate(new TestScope("""{"x":"dynamic"}""")).ToJson(), Is.EqualTo("""{"a":"dynamic","b":2}"""));
    }

    [Test]
    public void A_missing_path_fails_with_AWSʼs_wording()
    {
        var template = PayloadTemplate.Compile(JsonValue.Parse("""{"outer":{"value.$":"$.no_such_jsonpath"}}"""));

        var error = Assert.Throws<StatesErrorException>(() => template.Evaluate(new TestScope("""{"int-literal": 0, "s": "é😀\n"}""")))!;

        Assert.That(error.Error, Is.EqualTo(new StatesError(
            "States.Runtime",
            "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0,\"s\":\"é😀\\n\"}'")));
    }

    [Test]
    public void A_missing_context_path_or_variable_fails_the_same_way()
    {
        var context = PayloadTemplate.Compile(JsonValue.Parse("""{"v.$":"$$.Execution.Input.nope"}"""));
        var variable = PayloadTemplate.Compile(JsonValue.Parse("""{"v.$":"$unset"}"""));
        var scope = new TestScope("{}", """{"Execution":{"Input":{}}}""");

        Assert.Multiple(() =>
        {
            Assert.That(() => context.Evaluate(scope), Throws.TypeOf<StatesErrorException>().With.Message.EqualTo(
                "The JSONPath '$$.Execution.Input.nope' specified for the field 'v.$' could not be found in the input '{}'"));
            Assert.That(() => variable.Evaluate(scope), Throws.TypeOf<StatesErrorException>().With.Message.EqualTo(
                "The JSONPath '$unset' specified for the field 'v.$' could not be found in the input '{}'"));
        });
    }

    [TestCase("""{"a.$":"nope"}""", "The value for the field 'a.$' must be a valid JSONPath or intrinsic function: a JSONPath starts with '$' at character 1 of 'nope'")]
    [TestCase("""{"a.$":5}""", "The value for the field 'a.$' must be a string holding a JSONPath or an intrinsic function, not 5")]
    [TestCase("""[{"a.$":"States.Nope()"}]""", "The value for the field 'a.$' must be a valid JSONPath or intrinsic function: 'States.Nope' is not an intrinsic function at character 1 of 'States.Nope()'")]
    public void Compile_refuses_a_field_that_does_not_parse(string template, string message) =>
        Assert.That(() => PayloadTemplate.Compile(JsonValue.Parse(template)), Throws.InstanceOf<FormatException>().With.Message.EqualTo(message));
}
