using SageBuild.StateMachines.Validation;
using SageBuild.Tests.Conformance;

namespace SageBuild.Tests.StateMachines.Expressions;

public sealed class ExpressionSyntaxRuleTests
{
    [Test]
    public void A_definition_with_valid_expressions_everywhere_has_no_path_errors()
    {
        const string definition = """
            {
              "StartAt": "Prepare",
              "States": {
                "Prepare": {
                  "Type": "Pass", "InputPath": "$.input", "ResultPath": "$.prepared", "OutputPath": "$",
                  "Parameters": {
                    "id.$": "States.UUID()", "name.$": "$$.Execution.Name", "items.$": "$.items[?(@.ok)]",
                    "nested": { "deep.$": "$counter", "list": [ { "x.$": "States.Format('{}', $.a)" } ] },
                    "literal": "$.not-a-path-because-the-key-has-no-suffix"
                  },
                  "Assign": { "counter.$": "States.MathAdd($counter, 1)" },
                  "Next": "Pick"
                },
                "Pick": {
                  "Type": "Choice",
                  "Choices": [
                    { "And": [ { "Variable": "$.a", "IsPresent": true }, { "Not": { "Variable": "$.b[0]", "NumericEqualsPath": "$$.Map.Item.Index" } } ], "Next": "Wait" }
                  ],
                  "Default": "Fail"
                },
                "Wait": { "Type": "Wait", "SecondsPath": "$.seconds", "Next": "Work" },
                "Work": {
                  "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "TimeoutSecondsPath": "$.timeout", "HeartbeatSecondsPath": "$$.Execution.Input.beat",
                  "Credentials": { "RoleArn.$": "$.role" },
                  "ResultSelector": { "payload.$": "$.Payload" },
                  "Catch": [ { "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Fail" } ],
                  "Next": "Each"
                },
                "Each": {
                  "Type": "Map", "ItemsPath": "$.items", "MaxConcurrencyPath": "$.concurrency",
                  "ItemSelector": { "value.$": "$$.Map.Item.Value" },
                  "ItemProcessor": { "StartAt": "Inner", "States": { "Inner": { "Type": "Pass", "End": true } } },
                  "End": true
                },
                "Fail": { "Type": "Fail", "ErrorPath": "$.error.Error", "CausePath": "States.Format('failed: {}', $.error.Cause)" }
              }
            }
            """;

        Assert.That(PathErrors(definition), Is.Empty);
    }

    [Test]
    public void Every_definition_AWS_accepted_passes_the_expression_checks()
    {
        // Each recorded case ran on AWS, so AWS's own validation accepted every expression in it.
        var flagged = ConformanceCases.All
            .SelectMany(c => DefinitionValidator.Validate(c.Definition).Where(e => e.Code == DefinitionErrorCodes.InvalidPath).Select(e => $"{c.Id}: {e}"))
            .ToList();

        Assert.That(flagged, Is.Empty);
    }

    [TestCase("\"InputPath\": \"a.b\"", "/States/S/InputPath", "InputPath is not a valid JSONPath: a JSONPath starts with '$' at character 1 of 'a.b'")]
    [TestCase("\"OutputPath\": \"$.a[\"", "/States/S/OutputPath", "OutputPath is not a valid JSONPath: the path ends inside '[' at character 5 of '$.a['")]
    [TestCase("\"ResultPath\": \"$.a[*]\"", "/States/S/ResultPath", "ResultPath must be a reference path: a reference path has only properties and indexes, not a wildcard at character 4 of '$.a[*]'")]
    [TestCase("\"ResultPath\": \"$$.Execution\"", "/States/S/ResultPath", "ResultPath places the result in the state's input, so it starts with '$' and not with '$$'")]
    [TestCase("\"ResultPath\": \"$var\"", "/States/S/ResultPath", "ResultPath places the result in the state's input, so it starts with '$' and not with '$var'")]
    [TestCase("\"Parameters\": { \"Input.$\": \"$.a b\" }", "/States/S/Parameters/Input.$", "The value for the field 'Input.$' must be a valid JSONPath or intrinsic function: a name with blanks needs bracket notation, such as ['my name'] at character 4 of '$.a b'")]
    [TestCase("\"Parameters\": { \"Input.$\": \"foo\" }", "/States/S/Parameters/Input.$", "The value for the field 'Input.$' must be a valid JSONPath (starting with '$') or an intrinsic function (starting with 'States.'), not 'foo'")]
    [TestCase("\"Parameters\": { \"n\": { \"k.$\": 3 } }", "/States/S/Parameters/n/k.$", "The value for the field 'k.$' must be a string holding a JSONPath or an intrinsic function, not number 3")]
    [TestCase("\"Parameters\": { \"l\": [ 1, { \"k.$\": \"States.Nope()\" } ] }", "/States/S/Parameters/l/1/k.$", "The value for the field 'k.$' must be a valid JSONPath or intrinsic function: 'States.Nope' is not an intrinsic function at character 1 of 'States.Nope()'")]
    [TestCase("\"Assign\": { \"v.$\": \"States.ArrayLength()\" }", "/States/S/Assign/v.$", "The value for the field 'v.$' must be a valid JSONPath or intrinsic function: States.ArrayLength takes 1 argument, not 0 at character 1 of 'States.ArrayLength()'")]
    [TestCase("\"Parameters\": { \"a~b/c.$\": \"$.[\" }", "/States/S/Parameters/a~0b~1c.$", "The value for the field 'a~b/c.$' must be a valid JSONPath or intrinsic function: expected a property name after '.' at character 3 of '$.['")]
    public void Points_at_the_faulty_field_of_a_Pass_state(string fields, string pointer, string message)
    {
        var definition = $$"""{ "StartAt": "S", "States": { "S": { "Type": "Pass", {{fields}}, "End": true } } }""";

        Assert.That(PathErrors(definition), Is.EqualTo(new[] { (pointer, message) }));
    }

    [Test]
    public void Points_at_every_field_of_a_Task_and_its_Catchers()
    {
        const string definition = """
            { "StartAt": "T", "States": { "T": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSecondsPath": "$.t[*]", "HeartbeatSecondsPath": "$..h",
                "Credentials": { "RoleArn.$": "x" }, "ResultSelector": { "r.$": "$[" },
                "Catch": [ { "ErrorEquals": ["States.ALL"], "ResultPath": "$.e[0:1]", "Assign": { "a.$": "$.[" }, "Next": "T" } ],
                "End": true } } }
            """;

        Assert.That(PathErrors(definition).Select(e => e.Pointer), Is.EquivalentTo(new[]
        {
            "/States/T/TimeoutSecondsPath", "/States/T/HeartbeatSecondsPath", "/States/T/Credentials/RoleArn.$",
            "/States/T/ResultSelector/r.$", "/States/T/Catch/0/ResultPath", "/States/T/Catch/0/Assign/a.$",
        }));
    }

    [Test]
    public void Points_at_Choice_variables_and_path_operands_inside_And_Or_and_Not()
    {
        const string definition = """
            { "StartAt": "Pick", "States": {
                "Pick": { "Type": "Choice", "Choices": [
                  { "Variable": "$.a[*]", "IsPresent": true, "Next": "Done" },
                  { "And": [ { "Variable": "$.ok", "IsNull": false }, { "Variable": "$..x", "StringEquals": "y" } ], "Next": "Done" },
                  { "Or": [ { "Not": { "Variable": "$.n", "NumericLessThanPath": "$.m[?(@)]" } } ], "Assign": { "v.$": "nope" }, "Next": "Done" }
                ], "Default": "Done" },
                "Done": { "Type": "Succeed" } } }
            """;

        Assert.That(PathErrors(definition).Select(e => e.Pointer), Is.EqualTo(new[]
        {
            "/States/Pick/Choices/0/Variable",
            "/States/Pick/Choices/1/And/1/Variable",
            "/States/Pick/Choices/2/Or/0/Not/NumericLessThanPath",
            "/States/Pick/Choices/2/Assign/v.$",
        }));
    }

    [Test]
    public void Points_at_Map_Wait_and_Fail_fields_inside_nested_graphs()
    {
        const string definition = """
            { "StartAt": "P", "States": {
                "P": { "Type": "Parallel", "Branches": [ { "StartAt": "M", "States": {
                  "M": { "Type": "Map", "ItemsPath": "$.items[*]", "MaxConcurrencyPath": "$.c.length()",
                         "ToleratedFailureCountPath": "$.f[0,1]", "ToleratedFailurePercentagePath": "$.p[-1:]",
                         "ItemSelector": { "v.$": "$$.Map.Item.Value[" },
                         "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "MaxItemsPath": "$.max[*]" }, "Parameters": { "Bucket.$": "b" } },
                         "ItemBatcher": { "MaxItemsPerBatchPath": "$..m", "MaxInputBytesPerBatchPath": "$.b[*]", "BatchInput": { "k.$": "$." } },
                         "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket.$": "$$." } },
                         "ItemProcessor": { "StartAt": "W", "States": {
                           "W": { "Type": "Wait", "TimestampPath": "$.t[*]", "Next": "F" },
                           "F": { "Type": "Fail", "ErrorPath": "$.e[*]", "CausePath": "States.Format('{}')" } } },
                         "End": true } } } ],
                  "End": true } } }
            """;

        Assert.That(PathErrors(definition).Select(e => e.Pointer), Is.EquivalentTo(new[]
        {
            "/States/P/Branches/0/States/M/ItemsPath",
            "/States/P/Branches/0/States/M/MaxConcurrencyPath",
            "/States/P/Branches/0/States/M/ToleratedFailureCountPath",
            "/States/P/Branches/0/States/M/ToleratedFailurePercentagePath",
            "/States/P/Branches/0/States/M/ItemSelector/v.$",
            "/States/P/Branches/0/States/M/ItemReader/Parameters/Bucket.$",
            "/States/P/Branches/0/States/M/ItemReader/ReaderConfig/MaxItemsPath",
            "/States/P/Branches/0/States/M/ItemBatcher/MaxItemsPerBatchPath",
            "/States/P/Branches/0/States/M/ItemBatcher/MaxInputBytesPerBatchPath",
            "/States/P/Branches/0/States/M/ItemBatcher/BatchInput/k.$",
            "/States/P/Branches/0/States/M/ResultWriter/Parameters/Bucket.$",
            "/States/P/Branches/0/States/M/ItemProcessor/States/W/TimestampPath",
            "/States/P/Branches/0/States/M/ItemProcessor/States/F/ErrorPath",
            "/States/P/Branches/0/States/M/ItemProcessor/States/F/CausePath",
        }));
    }

    [Test]
    public void Leaves_JSONata_states_to_the_JSONata_rules()
    {
        const string definition = """
            { "QueryLanguage": "JSONata", "StartAt": "S", "States": {
                "S": { "Type": "Pass", "Output": "{% $states.input.a %}", "Assign": { "x.$": "not a path" }, "Next": "J" },
                "J": { "Type": "Pass", "QueryLanguage": "JSONPath", "Parameters": { "y.$": "not a path" }, "End": true } } }
            """;

        Assert.That(PathErrors(definition).Select(e => e.Pointer), Is.EqualTo(new[] { "/States/J/Parameters/y.$" }));
    }

    private static List<(string Pointer, string Message)> PathErrors(string definition)
    {
        var errors = DefinitionValidator.Validate(definition);
        var other = errors.Where(e => e.Code != DefinitionErrorCodes.InvalidPath).ToList();
        Assert.That(other.Where(e => e.Code == DefinitionErrorCodes.SchemaValidationFailed || e.Code == DefinitionErrorCodes.InvalidJson), Is.Empty, "the fixture should be well formed");
        return errors.Where(e => e.Code == DefinitionErrorCodes.InvalidPath).Select(e => (e.Pointer, e.Message)).ToList();
    }
}
