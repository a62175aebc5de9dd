using SageBuild.Engine.Expressions;
using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>Field values with <c>{% %}</c> expressions, as the engine evaluates Arguments, Output, Assign and Items.</summary>
public sealed class JsonataTemplateTests
{
    private static readonly JsonataBindings Bindings = new()
    {
        Input = JsonValue.Parse("""{"name": "Ada", "items": [1, 2, 3], "nothing": null}"""),
        Variables = new Dictionary<string, JsonValue> { ["greeting"] = "Hello" },
    };

    [Test]
    public void Only_a_whole_string_between_the_delimiters_is_an_expression()
    {
        var template = JsonataTemplate.Compile(JsonValue.Parse("""
            {"a": "{% $greeting & ' ' & $states.input.name %}", "b": " {% 1 %}", "c": "{% 1 %} ", "d": "$states.input.name", "e": ["{% $count($states.input.items) %}", 2, {"f": "{% true %}"}]}
            """), "Output");
        Assert.That(template.Evaluate(Bindings).ToJson(), Is.EqualTo("""{"a":"Hello Ada","b":" {% 1 %}","c":"{% 1 %} ","d":"$states.input.name","e":[3,2,{"f":true}]}"""));
    }

    [Test]
    public void A_template_without_expressions_is_returned_as_written()
    {
        var literal = JsonValue.Parse("""{"x": [1, {"y": "z"}]}""");
        var template = JsonataTemplate.Compile(literal, "Arguments");
        Assert.That(template.IsConstant, Is.True);
        Assert.That(template.Evaluate(Bindings), Is.SameAs(literal));
    }

    [Test]
    public void A_json_null_result_is_kept_as_a_value()
    {
        var template = JsonataTemplate.Compile(JsonValue.Parse("""{"v": "{% $states.input.nothing %}", "w": ["{% null %}"]}"""), "Output");
        Assert.That(template.Evaluate(Bindings).ToJson(), Is.EqualTo("""{"v":null,"w":[null]}"""));
    }

    [TestCase("""{"result": "{% $doesNotExist %}"}""", "Assign", "Assign/result", "$doesNotExist")]
    [TestCase("\"{% $doesNotExist %}\"", "Output", "Output", "$doesNotExist")]
    [TestCase("""{"a": {"b": [1, "{%   $states.input.absent   %}"]}}""", "Output", "Output/a/b[1]", "$states.input.absent")]
    [TestCase("""{"x": "{% $states.input.absent %}"}""", "Choices[1]/Output", "Choices[1]/Output/x", "$states.input.absent")]
    public void An_undefined_result_fails_naming_the_field_and_the_expression_as_AWS_does(string json, string field, string location, string expression)
    {
        var template = JsonataTemplate.Compile(JsonValue.Parse(json), field);
        Assert.That(template.TryEvaluate(Bindings, out _, out var failure), Is.False);
        Assert.That(failure!.Location, Is.EqualTo(location));
        Assert.That(failure.Expression, Is.EqualTo(expression));
        Assert.That(failure.Cause, Is.EqualTo($"The JSONata expression '{expression}' specified for the field '{location}' returned nothing (undefined)."));
        var error = Assert.Throws<StatesErrorException>(() => template.Evaluate(Bindings))!;
        Assert.That(error.Error, Is.EqualTo(new StatesError("States.QueryEvaluationError", failure.Cause)));
    }

    [Test]
    public void A_function_result_is_an_unsupported_result_type()
    {
        var template = JsonataTemplate.Compile("{% $fn := function($x){$x} %}", "Items");
        Assert.That(template.TryEvaluate(Bindings, out _, out var failure), Is.False);
        Assert.That(failure!.Cause, Is.EqualTo("The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type."));
    }

    [Test]
    public void An_evaluation_error_names_its_JSONata_code()
    {
        var template = JsonataTemplate.Compile(JsonValue.Parse("""{"n": "{% $states.input.name + 1 %}"}"""), "Arguments");
        Assert.That(template.TryEvaluate(Bindings, out _, out var failure), Is.False);
        Assert.That(failure!.Location, Is.EqualTo("Arguments/n"));
        Assert.That(failure.Cause, Does.StartWith("The JSONata expression '$states.input.name + 1' specified for the field 'Arguments/n' threw an error: T2001:"));
    }

    [Test]
    public void The_engine_prefixes_the_state_and_its_entered_event_as_AWS_does()
    {
        var failure = JsonataFailure.ReturnedNothing("$doesNotExist", "Output/result");
        Assert.That(failure.ToStatesError("State2", 6).Cause, Is.EqualTo(
            "An error occurred while executing the state 'State2' (entered at the event id #6). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined)."));
    }

    [TestCase("1", "number", "1")]
    [TestCase("{\"foo\":\"bar\"}", "object", "{\"foo\":\"bar\"}")]
    [TestCase("\"string\"", "string", "\"string\"")]
    [TestCase("true", "boolean", "true")]
    [TestCase("null", "null", "null")]
    public void An_unexpected_result_type_is_worded_as_AWS_words_it(string json, string kind, string shown)
    {
        var failure = JsonataFailure.UnexpectedResultType("$ItemsVar", "Items", "array", JsonValue.Parse(json));
        Assert.That(failure.Cause, Is.EqualTo($"The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{kind}' for value: {shown}"));
    }

    [Test]
    public void An_expression_that_does_not_parse_is_refused_at_compile_time_with_its_code_and_position()
    {
        var error = Assert.Throws<JsonataSyntaxException>(() => JsonataTemplate.Compile(JsonValue.Parse("""{"a": "{% a[1,2) %}"}"""), "Output"))!;
        Assert.That(error.Code, Is.EqualTo("S0202"));
        Assert.That(error.Position, Is.EqualTo(5), "the position counts from the start of the expression inside the delimiters");
        Assert.That(error.Message, Does.Contain("Expected \"]\", got \",\""));
    }

    [Test]
    public void A_compiled_template_is_safe_to_evaluate_from_many_threads_at_once()
    {
        var template = JsonataTemplate.Compile(JsonValue.Parse("""{"sum": "{% $sum($states.input.items.($ * $factor)) %}"}"""), "Output");
        var results = new JsonValue[64];
        Parallel.For(0, results.Length, i =>
        {
            var bindings = new JsonataBindings
            {
                Input = JsonValue.Parse("""{"items": [1, 2, 3]}"""),
                Variables = new Dictionary<string, JsonValue> { ["factor"] = i },
            };
            results[i] = template.Evaluate(bindings);
        });
        for (var i = 0; i < results.Length; i++)
            Assert.That(results[i].ToJson(), Is.EqualTo($"{{\"sum\":{6 * i}}}"));
    }
}
