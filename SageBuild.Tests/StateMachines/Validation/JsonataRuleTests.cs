using SageBuild.StateMachines.Validation;
using SageBuild.Tests.Conformance;

namespace SageBuild.Tests.StateMachines.Validation;

/// <summary>The validator's JSONata checks: expression syntax and the fields each query language allows, with pointers.</summary>
public sealed class JsonataRuleTests
{
    private static List<DefinitionError> JsonataErrors(string definition) =>
        DefinitionValidator.Validate(definition).Where(e => e.Code == DefinitionErrorCodes.InvalidJsonata).ToList();

    private static IEnumerable<ConformanceCase> RecordedCases() => ConformanceCases.All;

    [TestCaseSource(nameof(RecordedCases))]
    public void A_definition_AWS_accepted_and_ran_has_no_JSONata_errors(ConformanceCase c) =>
        Assert.That(JsonataErrors(c.Definition), Is.Empty);

    [Test]
    public void A_JSONata_state_using_every_JSONata_field_is_valid()
    {
        const string definition = """
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"},
                    "Output": {"r": "{% $states.result.Payload %}"}, "Assign": {"count": "{% $count($states.input.items) %}"},
                    "TimeoutSeconds": "{% $timeout %}", "HeartbeatSeconds": 10,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Assign": {"failed": true}, "Next": "F"}], "Next": "M"},
              "M": {"Type": "Map", "Items": "{% $states.input.items %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"},
                    "MaxConcurrency": "{% 2 %}", "ToleratedFailureCount": 1,
                    "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Condition": "{% $count > 2 %}", "Next": "W", "Output": {"many": true}, "Assign": {"big": true}}], "Default": "W"},
              "W": {"Type": "Wait", "Seconds": "{% 1 %}", "Next": "W2"},
              "W2": {"Type": "Wait", "Timestamp": "{% $now() %}", "Next": "S"},
              "S": {"Type": "Succeed", "Output": "{% $states.input %}"},
              "F": {"Type": "Fail", "Error": "{% $states.input.Error %}", "Cause": "{% 'because' %}"}}}
            """;
        Assert.That(DefinitionValidator.Validate(definition), Is.Empty);
    }

    [Test]
    public void An_expression_that_does_not_parse_is_reported_at_its_exact_place_with_JSONata_s_code()
    {
        var errors = JsonataErrors("""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": {"a": {"b": [1, "{% a[1,2) %}"]}}, "End": true}}}
            """);
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Pointer, Is.EqualTo("/States/P/Output/a/b/1"));
        Assert.That(errors[0].Message, Does.Contain("'a[1,2)' does not parse").And.Contains("S0202 at position 5"));
    }

    [TestCase("Assign", """{"x": "{% 1 + %}"}""", "/States/P/Assign/x")]
    [TestCase("Output", "\"{% $states.input.( %}\"", "/States/P/Output")]
    public void Every_JSONata_field_of_a_Pass_state_is_checked(string field, string value, string pointer)
    {
        var errors = JsonataErrors("""{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", """ + $"\"{field}\": {value}" + """, "End": true}}}""");
        Assert.That(errors.Select(e => e.Pointer), Is.EqualTo(new[] { pointer }));
    }

    [Test]
    public void Expressions_in_numbers_waits_fails_maps_choices_and_catchers_are_checked()
    {
        const string definition = """
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": "{% ) %}", "Arguments": {"x": "{% ] %}"},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% , %}", "Next": "F"}], "Next": "M"},
              "M": {"Type": "Map", "Items": "{% [1, %}", "MaxConcurrency": "ten", "ItemSelector": {"a": ["{% } %}"]},
                    "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Condition": "{% 1 = %}", "Next": "W"}, {"Condition": "true", "Next": "W"}], "Default": "W"},
              "W": {"Type": "Wait", "Seconds": "{% ( %}", "Next": "F"},
              "F": {"Type": "Fail", "Error": "{% 'a' & %}"}}}
            """;
        Assert.That(JsonataErrors(definition).Select(e => e.Pointer), Is.EquivalentTo(new[]
        {
            "/States/T/TimeoutSeconds", "/States/T/Arguments/x", "/States/T/Catch/0/Output", "/States/M/Items", "/States/M/MaxConcurrency",
            "/States/M/ItemSelector/a/0", "/States/C/Choices/0/Condition", "/States/C/Choices/1/Condition", "/States/W/Seconds", "/States/F/Error",
        }));
    }

    [Test]
    public void JSONPath_fields_in_a_JSONata_state_are_refused_at_the_field()
    {
        const string definition = """
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "InputPath": "$.a", "Parameters": {"x.$": "$.y"},
                    "ResultSelector": {"r.$": "$.Payload"}, "ResultPath": "$.r", "OutputPath": "$.o", "TimeoutSecondsPath": "$.t",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "P"}], "Next": "M"},
              "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrencyPath": "$.c",
                    "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "Next": "P"},
              "P": {"Type": "Pass", "Result": {"a": 1}, "Next": "W"},
              "W": {"Type": "Wait", "SecondsPath": "$.s", "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "NumericEquals": 1, "Next": "F"}], "Default": "F"},
              "F": {"Type": "Fail", "CausePath": "$.cause"}}}
            """;
        var errors = JsonataErrors(definition);
        Assert.That(errors.Select(e => e.Pointer), Is.EquivalentTo(new[]
        {
            "/States/T/InputPath", "/States/T/Parameters", "/States/T/ResultSelector", "/States/T/ResultPath", "/States/T/OutputPath",
            "/States/T/TimeoutSecondsPath", "/States/T/Catch/0/ResultPath", "/States/M/ItemsPath", "/States/M/MaxConcurrencyPath", "/States/P/Result",
            "/States/W/SecondsPath", "/States/C/Choices/0", "/States/F/CausePath",
        }));
        Assert.That(errors.First(e => e.Pointer == "/States/T/InputPath").Message,
            Is.EqualTo("The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage"));
        Assert.That(errors.First(e => e.Pointer == "/States/C/Choices/0").Message, Does.Contain("'Variable' with 'NumericEquals'"));
    }

    [Test]
    public void JSONata_fields_in_a_JSONPath_state_are_refused_at_the_field()
    {
        const string definition = """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"x": 1}, "Output": {"y": 2}, "TimeoutSeconds": "{% 5 %}",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Output": {"e": 1}, "Next": "C"}], "Next": "M"},
              "M": {"Type": "Map", "Items": [1, 2], "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Condition": "{% true %}", "Next": "S"}], "Default": "S"},
              "S": {"Type": "Succeed"}}}
            """;
        Assert.That(JsonataErrors(definition).Select(e => e.Pointer), Is.EquivalentTo(new[]
        {
            "/States/T/Arguments", "/States/T/Output", "/States/T/TimeoutSeconds", "/States/T/Catch/0/Output", "/States/M/Items", "/States/C/Choices/0/Condition",
        }));
    }

    [Test]
    public void A_JSONata_machine_cannot_turn_one_state_back_to_JSONPath_but_a_JSONPath_machine_can_upgrade_one()
    {
        var downgrade = JsonataErrors("""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "QueryLanguage": "JSONPath", "InputPath": "$.a", "End": true}}}
            """);
        Assert.That(downgrade.Select(e => e.Pointer), Is.EqualTo(new[] { "/States/P/QueryLanguage" }));
        Assert.That(downgrade[0].Message, Is.EqualTo("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"));

        Assert.That(JsonataErrors("""
            {"QueryLanguage": "JSONPath", "StartAt": "P", "States": {"P": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% 1 %}", "End": true}}}
            """), Is.Empty);
    }

    [Test]
    public void States_inside_a_Map_take_the_machine_s_language_not_the_Map_s()
    {
        // The Map's own fields follow its override; its item processor follows the state machine.
        var errors = JsonataErrors("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% [1, 2] %}",
              "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Output": "{% $states.input %}", "End": true}}}, "End": true}}}
            """);
        Assert.That(errors.Select(e => e.Pointer), Is.EqualTo(new[] { "/States/M/ItemProcessor/States/I/Output" }));
    }

    [TestCase("{% phone %}", "Reference to 'phone' at the top level is not supported.")]
    [TestCase("{% $$.a %}", "Reference to '$$' is not supported.")]
    [TestCase("{% {'v': name} %}", "Reference to 'name' at the top level is not supported.")]
    [TestCase("{% $map($states.input.a, function($x){ b }) %}", "Reference to 'b' at the top level is not supported.")]
    [TestCase("{% $states.errorOutput.Error %}", "Reference to '$states.errorOutput' is only supported in the Output and Assign of a Catcher.")]
    public void References_AWS_refuses_at_creation_are_refused(string expression, string message)
    {
        var errors = JsonataErrors("""{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": {"v": """ + $"\"{expression}\"" + """}, "End": true}}}""");
        Assert.That(errors.Select(e => (e.Pointer, e.Message)), Is.EqualTo(new[] { ("/States/P/Output/v", message) }));
    }

    [TestCase("{% $states.input.items[value > 3].name %}")]
    [TestCase("{% $states.input.items^(>price).sku %}")]
    [TestCase("{% $states.input.items{category: $sum(price)} %}")]
    [TestCase("{% ($x := $states.input; $x.a.b) %}")]
    [TestCase("{% $states.input ~> | order | {'total': price * qty} | %}")]
    [TestCase("{% [1, 2].($ * 2) %}")]
    public void Names_read_against_an_item_the_path_supplies_are_accepted(string expression) =>
        Assert.That(JsonataErrors("""{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": """ + $"\"{expression}\"" + """, "End": true}}}"""), Is.Empty);

    [Test]
    public void A_catcher_may_read_the_error_output()
    {
        const string definition = """
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Assign": {"e": "{% $states.errorOutput.Error %}"}, "Next": "S"}], "End": true},
              "S": {"Type": "Succeed"}}}
            """;
        Assert.That(JsonataErrors(definition), Is.Empty);
    }
}
