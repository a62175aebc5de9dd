using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Expressions;

public sealed class ConditionEvaluatorTests
{
    private const string Input = """
        {
          "s": "beta", "s2": "beta", "sLow": "alpha", "n": 5, "n2": 5.0, "nBig": 7.5, "t": true, "f": false, "nil": null,
          "ts": "2016-08-18T17:33:00Z", "tsOffset": "2016-08-18T18:33:00+01:00", "tsLater": "2016-08-18T17:33:00.001Z",
          "notTs": "2016-08-18 17:33:00Z", "arr": [1], "obj": {"a": 1}, "star": "a*b", "path": "logs/2024/app.log"
        }
        """;

    [TestCase(ComparisonOperator.StringEquals, "$.s", "\"beta\"", true)]
    [TestCase(ComparisonOperator.StringEquals, "$.s", "\"Beta\"", false)]
    [TestCase(ComparisonOperator.StringLessThan, "$.sLow", "\"beta\"", true)]
    [TestCase(ComparisonOperator.StringLessThan, "$.s", "\"beta\"", false)]
    [TestCase(ComparisonOperator.StringLessThanEquals, "$.s", "\"beta\"", true)]
    [TestCase(ComparisonOperator.StringGreaterThan, "$.s", "\"B\"", true)]
    [TestCase(ComparisonOperator.StringGreaterThanEquals, "$.s", "\"betb\"", false)]
    [TestCase(ComparisonOperator.NumericEquals, "$.n", "5", true)]
    [TestCase(ComparisonOperator.NumericEquals, "$.n2", "5", true)]
    [TestCase(ComparisonOperator.NumericLessThan, "$.n", "5.5", true)]
    [TestCase(ComparisonOperator.NumericLessThanEquals, "$.n", "5", true)]
    [TestCase(ComparisonOperator.NumericGreaterThan, "$.nBig", "7.49", true)]
    [TestCase(ComparisonOperator.NumericGreaterThanEquals, "$.n", "6", false)]
    [TestCase(ComparisonOperator.BooleanEquals, "$.t", "true", true)]
    [TestCase(ComparisonOperator.BooleanEquals, "$.f", "true", false)]
    [TestCase(ComparisonOperator.TimestampEquals, "$.ts", "\"2016-08-18T17:33:00Z\"", true)]
    [TestCase(ComparisonOperator.TimestampEquals, "$.tsOffset", "\"2016-08-18T17:33:00Z\"", true)]
    [TestCase(ComparisonOperator.TimestampLessThan, "$.ts", "\"2016-08-18T17:33:00.001Z\"", true)]
    [TestCase(ComparisonOperator.TimestampLessThanEquals, "$.tsLater", "\"2016-08-18T17:33:00Z\"", false)]
    [TestCase(ComparisonOperator.TimestampGreaterThan, "$.tsLater", "\"2016-08-18T17:33:00Z\"", true)]
    [TestCase(ComparisonOperator.TimestampGreaterThanEquals, "$.ts", "\"2016-08-18T17:33:00Z\"", true)]
    [TestCase(ComparisonOperator.StringMatches, "$.path", "\"logs/*.log\"", true)]
    [TestCase(ComparisonOperator.StringMatches, "$.path", "\"*/2024/*\"", true)]
    [TestCase(ComparisonOperator.StringMatches, "$.path", "\"logs/*/*.txt\"", false)]
    [TestCase(ComparisonOperator.StringMatches, "$.star", "\"a\\\\*b\"", true)]
    [TestCase(ComparisonOperator.StringMatches, "$.s", "\"a\\\\*b\"", false)]
    [TestCase(ComparisonOperator.StringMatches, "$.s", "\"b*t*a\"", true)]
    [TestCase(ComparisonOperator.StringMatches, "$.s", "\"beta*\"", true)]
    [TestCase(ComparisonOperator.StringMatches, "$.s", "\"*\"", true)]
    [TestCase(ComparisonOperator.StringMatches, "$.s", "\"bet\"", false)]
    [TestCase(ComparisonOperator.StringMatches, "$.s", "\"b*eta*a\"", false)]
    public void Compares_a_variable_with_a_literal(ComparisonOperator op, string variable, string value, bool expected) =>
        Assert.That(Evaluate(Condition.Comparison(variable, op, JsonValue.Parse(value))), Is.EqualTo(expected));

    [TestCase(ComparisonOperator.StringEqualsPath, "$.s", "$.s2", true)]
    [TestCase(ComparisonOperator.StringLessThanPath, "$.sLow", "$.s", true)]
    [TestCase(ComparisonOperator.StringGreaterThanPath, "$.sLow", "$.s", false)]
    [TestCase(ComparisonOperator.StringLessThanEqualsPath, "$.s", "$.s2", true)]
    [TestCase(ComparisonOperator.StringGreaterThanEqualsPath, "$.s", "$.sLow", true)]
    [TestCase(ComparisonOperator.NumericEqualsPath, "$.n", "$.n2", true)]
    [TestCase(ComparisonOperator.NumericLessThanPath, "$.n", "$.nBig", true)]
    [TestCase(ComparisonOperator.NumericGreaterThanPath, "$.n", "$.nBig", false)]
    [TestCase(ComparisonOperator.NumericLessThanEqualsPath, "$.n", "$.n2", true)]
    [TestCase(ComparisonOperator.NumericGreaterThanEqualsPath, "$.nBig", "$.n", true)]
    [TestCase(ComparisonOperator.BooleanEqualsPath, "$.t", "$.t", true)]
    [TestCase(ComparisonOperator.BooleanEqualsPath, "$.t", "$.f", false)]
    [TestCase(ComparisonOperator.TimestampEqualsPath, "$.ts", "$.tsOffset", true)]
    [TestCase(ComparisonOperator.TimestampLessThanPath, "$.ts", "$.tsLater", true)]
    [TestCase(ComparisonOperator.TimestampGreaterThanPath, "$.ts", "$.tsLater", false)]
    [TestCase(ComparisonOperator.TimestampLessThanEqualsPath, "$.ts", "$.tsOffset", true)]
    [TestCase(ComparisonOperator.TimestampGreaterThanEqualsPath, "$.tsLater", "$.ts", true)]
    [TestCase(ComparisonOperator.StringEqualsPath, "$.s", "$.n", false)]
    [TestCase(ComparisonOperator.NumericEqualsPath, "$.n", "$.s", false)]
    [TestCase(ComparisonOperator.TimestampEqualsPath, "$.ts", "$.notTs", false)]
    public void Compares_a_variable_with_another_path(ComparisonOperator op, string variable, string other, bool expected) =>
        Assert.That(Evaluate(Condition.Comparison(variable, op, JsonValue.FromString(other))), Is.EqualTo(expected));

    [TestCase("$.n", ComparisonOperator.StringEquals, "\"5\"")]
    [TestCase("$.s", ComparisonOperator.NumericEquals, "5")]
    [TestCase("$.nil", ComparisonOperator.NumericLessThan, "1")]
    [TestCase("$.arr", ComparisonOperator.NumericEquals, "1")]
    [TestCase("$.obj", ComparisonOperator.StringEquals, "\"a\"")]
    [TestCase("$.s", ComparisonOperator.BooleanEquals, "false")]
    [TestCase("$.n", ComparisonOperator.BooleanEquals, "false")]
    [TestCase("$.notTs", ComparisonOperator.TimestampLessThan, "\"2030-01-01T00:00:00Z\"")]
    [TestCase("$.n", ComparisonOperator.TimestampEquals, "\"2030-01-01T00:00:00Z\"")]
    [TestCase("$.n", ComparisonOperator.StringMatches, "\"*\"")]
    public void A_value_of_the_wrong_type_makes_the_comparison_false_and_its_negation_true(string variable, ComparisonOperator op, string value)
    {
        var comparison = Condition.Comparison(variable, op, JsonValue.Parse(value));

        Assert.Multiple(() =>
        {
            Assert.That(Evaluate(comparison), Is.False);
            Assert.That(Evaluate(Condition.Not(comparison)), Is.True);
        });
    }

    [TestCase("$.nil", true, false, false, false, false)]
    [TestCase("$.n", false, true, false, false, false)]
    [TestCase("$.s", false, false, true, false, false)]
    [TestCase("$.t", false, false, false, true, false)]
    [TestCase("$.ts", false, false, true, false, true)]
    [TestCase("$.notTs", false, false, true, false, false)]
    [TestCase("$.arr", false, false, false, false, false)]
    [TestCase("$.obj", false, false, false, false, false)]
    public void Type_tests_say_what_the_value_is(string variable, bool isNull, bool isNumeric, bool isString, bool isBoolean, bool isTimestamp)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Evaluate(Condition.IsNull(variable)), Is.EqualTo(isNull));
            Assert.That(Evaluate(Condition.IsNumeric(variable)), Is.EqualTo(isNumeric));
            Assert.That(Evaluate(Condition.IsString(variable)), Is.EqualTo(isString));
            Assert.That(Evaluate(Condition.IsBoolean(variable)), Is.EqualTo(isBoolean));
            Assert.That(Evaluate(Condition.IsTimestamp(variable)), Is.EqualTo(isTimestamp));
            Assert.That(Evaluate(Condition.IsNull(variable, expected: false)), Is.EqualTo(!isNull));
            Assert.That(Evaluate(Condition.IsTimestamp(variable, expected: false)), Is.EqualTo(!isTimestamp));
        });
    }

    [Test]
    public void IsPresent_is_false_for_a_missing_variable_where_other_tests_fail_with_States_Runtime()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Evaluate(Condition.IsPresent("$.missing")), Is.False);
            Assert.That(Evaluate(Condition.IsPresent("$.missing", expected: false)), Is.True);
            Assert.That(Evaluate(Condition.IsPresent("$.nil")), Is.True);
            Assert.That(Evaluate(Condition.IsPresent("$unset")), Is.False);
            foreach (var condition in new[] { Condition.IsNull("$.missing"), Condition.StringEquals("$.missing", "x"), Condition.NumberGreaterThanPath("$.missing", "$.n") })
                Assert.That(Failure(condition), Is.EqualTo(new StatesError("States.Runtime", "Invalid path '$.missing': The choice state's condition path references an invalid value.")));
            Assert.That(Failure(Condition.NumberGreaterThanPath("$.n", "$.other")).Cause, Does.StartWith("Invalid path '$.other'"));
        });
    }

    [Test]
    public void And_Or_and_Not_short_circuit()
    {
        var fails = Condition.StringEquals("$.missing", "x");

        Assert.Multiple(() =>
        {
            Assert.That(Evaluate(Condition.And(Condition.IsPresent("$.missing"), fails)), Is.False);
            Assert.That(Evaluate(Condition.Or(Condition.IsPresent("$.s"), fails)), Is.True);
            Assert.That(Evaluate(Condition.And(Condition.IsPresent("$.s"), Condition.Not(Condition.NumberEquals("$.n", 6)))), Is.True);
            Assert.That(Evaluate(Condition.Or(Condition.BooleanEquals("$.f", true), Condition.NumberEquals("$.n", 6))), Is.False);
            Assert.That(() => Evaluate(Condition.And(Condition.IsPresent("$.s"), fails)), Throws.TypeOf<StatesErrorException>());
        });
    }

    [Test]
    public void Reads_variables_and_the_context_object()
    {
        var scope = new TestScope("{}", """{"Map":{"Item":{"Index":2}}}""").With("guess", "\"the_answer\"").With("answer", "\"the_answer\"");

        Assert.Multiple(() =>
        {
            Assert.That(ConditionEvaluator.Compile(Condition.StringEqualsPath("$guess", "$answer")).Evaluate(scope), Is.True);
            Assert.That(ConditionEvaluator.Compile(Condition.NumberEquals("$$.Map.Item.Index", 2)).Evaluate(scope), Is.True);
        });
    }

    [Test]
    public void Evaluating_a_compiled_condition_allocates_nothing()
    {
        var condition = ConditionEvaluator.Compile(Condition.And(
            Condition.StringEquals("$.s", "beta"), Condition.NumberGreaterThanPath("$.nBig", "$.n"),
            Condition.TimestampLessThan("$.ts", DateTimeOffset.Parse("2020-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
            Condition.StringMatches("$.path", "logs/*.log"), Condition.Not(Condition.IsNull("$.n"))));
        var scope = new TestScope(Input);
        Assert.That(condition.Evaluate(scope), Is.True);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            condition.Evaluate(scope);

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Compile_refuses_JSONata_conditions_and_literals_of_the_wrong_type()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => ConditionEvaluator.Compile(Condition.Jsonata("$states.input.a")), Throws.TypeOf<NotSupportedException>());
            Assert.That(() => ConditionEvaluator.Compile(Condition.Comparison("$.n", ComparisonOperator.NumericEquals, JsonValue.FromString("5"))),
                Throws.InstanceOf<FormatException>().With.Message.EqualTo("NumericEquals needs a number, not \"5\""));
            Assert.That(() => ConditionEvaluator.Compile(Condition.Comparison("$.t", ComparisonOperator.TimestampEquals, JsonValue.FromString("2016-08-18"))),
                Throws.InstanceOf<FormatException>().With.Message.Contains("needs a timestamp"));
            Assert.That(() => ConditionEvaluator.Compile(Condition.Comparison("$.a[", ComparisonOperator.IsNull, JsonBoolean.True)),
                Throws.InstanceOf<FormatException>().With.Message.StartsWith("Variable is not a valid path"));
        });
    }

    private static bool Evaluate(Condition condition) => ConditionEvaluator.Compile(condition).Evaluate(new TestScope(Input));

    private static StatesError Failure(Condition condition) => Assert.Throws<StatesErrorException>(() => Evaluate(condition))!.Error;
}
