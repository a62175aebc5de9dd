using Microsoft.Extensions.Time.Testing;
using SageBuild.Engine.Expressions;
using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>JSONata as Step Functions runs it: the functions AWS adds, what AWS removes, and AWS's limits.</summary>
public sealed class JsonataStepFunctionsDialectTests
{
    private static JsonValue? Run(string expression, JsonataBindings? bindings = null) =>
        JsonataExpression.Compile(expression).Evaluate(null, bindings ?? JsonataBindings.Empty);

    private static string Json(string expression, JsonataBindings? bindings = null) => Run(expression, bindings)?.ToJson() ?? "undefined";

    [TestCase("$partition([1,2,3,4,5,6,7,8,9], 3)", "[[1,2,3],[4,5,6],[7,8,9]]")]
    [TestCase("$partition([1,2,3,4,5], 2)", "[[1,2],[3,4],[5]]")]
    [TestCase("$partition([0], 2)", "[[0]]")]
    [TestCase("$partition([1,2,3], 2.9)", "[[1,2],[3]]")]
    [TestCase("$partition([1,2,3], 0)", "undefined")]
    [TestCase("$partition([], 2)", "undefined")]
    [TestCase("$range(0, 10, 2)", "[0,2,4,6,8,10]")]
    [TestCase("$range(0, 10, 3)", "[0,3,6,9]")]
    [TestCase("$range(10, 0, -5)", "[10,5,0]")]
    [TestCase("$range(1, 9, 9)", "1")]
    [TestCase("$range(-1.7, 2, 1)", "[-1,0,1,2]")]
    [TestCase("$range(0, 10, -1)", "undefined")]
    [TestCase("$range(0, 10)", "undefined")]
    [TestCase("$hash('input data', 'MD5')", "\"812f45842bc6d66ee14572ce20db8e86\"")]
    [TestCase("$hash('input data', 'SHA-256')", "\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\"")]
    [TestCase("$hash('x')", "undefined")]
    [TestCase("$parse('{\"Arg1\": 1, \"Arg2\": []}')", "{\"Arg1\":1,\"Arg2\":[]}")]
    [TestCase("$parse('-0')", "0")]
    [TestCase("$parse('\"HelloWorld\"')", "\"HelloWorld\"")]
    public void Step_Functions_functions_give_what_AWS_documents(string expression, string expected) =>
        Assert.That(Json(expression), Is.EqualTo(expected));

    [Test]
    public void Hash_digests_match_the_platform_hash_of_the_UTF8_text()
    {
        foreach (var (name, algorithm) in new (string, System.Security.Cryptography.HashAlgorithmName)[]
                 {
                     ("MD5", System.Security.Cryptography.HashAlgorithmName.MD5), ("SHA-1", System.Security.Cryptography.HashAlgorithmName.SHA1),
                     ("SHA-256", System.Security.Cryptography.HashAlgorithmName.SHA256), ("SHA-384", System.Security.Cryptography.HashAlgorithmName.SHA384),
                     ("SHA-512", System.Security.Cryptography.HashAlgorithmName.SHA512),
                 })
        {
#pragma warning disable CA5350, CA5351 // comparing against the same weak algorithms the workflow asked for
            var expected = Convert.ToHexStringLower(algorithm.Name switch
            {
                "MD5" => System.Security.Cryptography.MD5.HashData("héllo"u8),
                "SHA1" => System.Security.Cryptography.SHA1.HashData("héllo"u8),
                "SHA256" => System.Security.Cryptography.SHA256.HashData("héllo"u8),
                "SHA384" => System.Security.Cryptography.SHA384.HashData("héllo"u8),
                _ => System.Security.Cryptography.SHA512.HashData("héllo"u8),
            });
#pragma warning restore CA5350, CA5351
            Assert.That(Json($"$hash('héllo', '{name}')"), Is.EqualTo($"\"{expected}\""), name);
        }
    }

    [Test]
    public void An_unknown_hash_algorithm_fails_the_evaluation_naming_the_algorithm()
    {
        var error = Assert.Throws<StatesErrorException>(() => Run("$hash('x', 'sha-256')"))!;
        Assert.That(error.Error.Error, Is.EqualTo("States.QueryEvaluationError"));
        Assert.That(error.Error.Cause, Does.Contain("'sha-256' is not supported"));
    }

    [Test]
    public void Random_with_a_seed_repeats_and_without_one_comes_from_the_supplied_source()
    {
        var seeded = Json("$random(42)");
        Assert.That(Json("$random(42)"), Is.EqualTo(seeded));
        Assert.That(Json("$random(42)"), Is.Not.EqualTo(Json("$random(43)")));
        var first = Json("[$random(), $random()]", new JsonataBindings { Random = new Random(7) });
        var again = Json("[$random(), $random()]", new JsonataBindings { Random = new Random(7) });
        Assert.That(first, Is.EqualTo(again));
        var values = (JsonArray)JsonValue.Parse(first);
        Assert.That(values.Select(v => ((JsonNumber)v).Value), Is.All.InRange(0.0, 1.0));
    }

    [Test]
    public void Uuid_is_a_version_4_uuid_drawn_from_the_supplied_random_source()
    {
        var uuid = ((JsonString)Run("$uuid()", new JsonataBindings { Random = new Random(1) })!).Value;
        Assert.That(uuid, Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        Assert.That(Run("$uuid()", new JsonataBindings { Random = new Random(1) })!.ToJson(), Is.EqualTo($"\"{uuid}\""));
    }

    [Test]
    public void Now_and_millis_read_the_supplied_clock_once_per_evaluation()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-03-04T05:06:07.089Z", System.Globalization.CultureInfo.InvariantCulture));
        var bindings = new JsonataBindings { Clock = clock };
        Assert.That(Json("$now()", bindings), Is.EqualTo("\"2024-03-04T05:06:07.089Z\""));
        Assert.That(Json("$millis()", bindings), Is.EqualTo("1709528767089"));
        Assert.That(Json("$now('[D01]/[M01]/[Y0001] [H01]:[m01]', '+0200')", bindings), Is.EqualTo("\"04/03/2024 07:06\""));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.That(Json("$now()", bindings), Is.EqualTo("\"2024-03-05T05:06:07.089Z\""));
    }

    [Test]
    public void Eval_is_not_available_as_on_AWS_which_offers_parse_instead()
    {
        var error = Assert.Throws<StatesErrorException>(() => Run("$eval('1 + 1')"))!;
        Assert.That(error.Error.Cause, Does.Contain("T1006"));
        Assert.That(Json("$eval('1 + 1')", new JsonataBindings { Dialect = JsonataDialect.Standard }), Is.EqualTo("2"));
    }

    [Test]
    public void States_and_workflow_variables_are_visible_as_variables()
    {
        var bindings = new JsonataBindings
        {
            Input = JsonValue.Parse("""{"order": {"items": [1, 2, 3]}}"""),
            Result = JsonValue.Parse("""{"ok": true}"""),
            Context = JsonValue.Parse("""{"Execution": {"Name": "run-1"}}"""),
            Variables = new Dictionary<string, JsonValue> { ["limit"] = 2 },
            VariableResolver = name => name == "fromScope" ? JsonValue.FromString("scoped") : null,
        };
        Assert.That(Json("$states.input.order.items[$ > $limit]", bindings), Is.EqualTo("3"));
        Assert.That(Json("$states.result.ok and $states.context.Execution.Name = 'run-1'", bindings), Is.EqualTo("true"));
        Assert.That(Json("$fromScope", bindings), Is.EqualTo("\"scoped\""));
        Assert.That(Json("$keys($states)", bindings), Is.EqualTo("[\"input\",\"result\",\"context\"]"));
        Assert.That(Json("$states.errorOutput", bindings), Is.EqualTo("undefined"));
    }

    [Test]
    public void Nesting_deeper_than_AWS_allows_fails_while_the_standard_dialect_goes_on()
    {
        var hundred = string.Join(" + ", Enumerable.Repeat("1", 100));
        var hundredAndOne = hundred + " + 1";
        Assert.That(Json(hundred), Is.EqualTo("100"));
        var error = Assert.Throws<StatesErrorException>(() => Run(hundredAndOne))!;
        Assert.That(error.Error.Cause, Does.Contain("D1011").And.Contains("Depth=101 max=100"));
        Assert.That(Json(hundredAndOne, new JsonataBindings { Dialect = JsonataDialect.Standard }), Is.EqualTo("101"));
    }

    [Test]
    public void Tail_recursion_runs_in_constant_depth_far_beyond_the_nesting_limit()
    {
        var sum = "($loop := function($n, $acc) { $n = 0 ? $acc : $loop($n - 1, $acc + $n) }; $loop(100000, 0))";
        Assert.That(Json(sum), Is.EqualTo("5000050000"));
    }

    [Test]
    public void Deep_non_tail_recursion_fails_cleanly_instead_of_overflowing_the_stack()
    {
        var deep = "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000000))";
        var error = Assert.Throws<StatesErrorException>(() => Run(deep, new JsonataBindings { Dialect = JsonataDialect.Standard }))!;
        Assert.That(error.Error.Cause, Does.Contain("D1011"));
    }

    [Test]
    public void A_regex_that_backtracks_catastrophically_is_stopped()
    {
        var input = JsonValue.Parse($"{{\"s\": \"{new string('a', 40)}!\"}}");
        var expression = JsonataExpression.Compile("$contains(s, /^(a+)+$/)");
        var error = Assert.Throws<StatesErrorException>(() => expression.Evaluate(input, JsonataBindings.Empty))!;
        Assert.That(error.Error.Cause, Does.Contain("D1012"));
    }
}
