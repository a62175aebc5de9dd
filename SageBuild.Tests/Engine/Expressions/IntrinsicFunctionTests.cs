using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Expressions;

public sealed class IntrinsicFunctionTests
{
    private const string Input = """
        {
          "name": "Arnav", "template": "Hello, my name is {}.", "n": 111, "step": -1,
          "inputArray": [1,2,3,4,5,6,7,8,9], "dupes": [1,2,3,3,3,3,3,3,4], "objs": [{"a":1},{"a":1},{"a":2}],
          "json1": { "a": {"a1": 1, "a2": 2}, "b": 2 }, "json2": { "a": {"a3": 1, "a4": 2}, "c": 3 },
          "escaped": "{\"foo\": \"bar\"}", "unescaped": { "foo": "bar", "list": [1, "two", null] },
          "csv": "1,2,3,4,5", "splitter": ".+,=", "mixed": "This.is+a,test=string", "data": "input data",
          "text": "Data to encode", "base64": "RGF0YSB0byBlbmNvZGU=", "emoji": "é😀"
        }
        """;

    [TestCase("States.Array($.n, 'x', true, null, $.unescaped.list)", """[111,"x",true,null,[1,"two",null]]""")]
    [TestCase("States.Array()", "[]")]
    [TestCase("States.ArrayPartition($.inputArray, 4)", "[[1,2,3,4],[5,6,7,8],[9]]")]
    [TestCase("States.ArrayPartition($.inputArray, 3.6)", "[[1,2,3,4],[5,6,7,8],[9]]")]
    [TestCase("States.ArrayPartition(States.Array(), 2)", "[]")]
    [TestCase("States.ArrayContains($.inputArray, 5)", "true")]
    [TestCase("States.ArrayContains($.inputArray, 10)", "false")]
    [TestCase("States.ArrayContains($.objs, States.StringToJson('{\"a\":2}'))", "true")]
    [TestCase("States.ArrayRange(1, 9, 2)", "[1,3,5,7,9]")]
    [TestCase("States.ArrayRange(0, 10, 3)", "[0,3,6,9]")]
    [TestCase("States.ArrayRange(9, 1, -4)", "[9,5,1]")]
    [TestCase("States.ArrayRange(1, 9, -1)", "[]")]
    [TestCase("States.ArrayRange(1.5, 3, 1)", "[2,3]")]
    [TestCase("States.ArrayGetItem($.inputArray, 5)", "6")]
    [TestCase("States.ArrayLength($.inputArray)", "9")]
    [TestCase("States.ArrayUnique($.dupes)", "[1,2,3,4]")]
    [TestCase("States.ArrayUnique($.objs)", """[{"a":1},{"a":2}]""")]
    [TestCase("States.Base64Encode($.text)", "\"RGF0YSB0byBlbmNvZGU=\"")]
    [TestCase("States.Base64Decode($.base64)", "\"Data to encode\"")]
    [TestCase("States.Base64Encode('')", "\"\"")]
    [TestCase("States.Base64Decode(States.Base64Encode($.emoji))", "\"é😀\"")]
    [TestCase("States.Hash($.data, 'MD5')", "\"812f45842bc6d66ee14572ce20db8e86\"")]
    [TestCase("States.Hash($.data, 'SHA-1')", "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"")]
    [TestCase("States.Hash('Hash this string', 'SHA-256')", "\"1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e\"")]
    [TestCase("States.Hash($.data, 'SHA-384')", "\"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562\"")]
    [TestCase("States.JsonMerge($.json1, $.json2, false)", """{"a":{"a3":1,"a4":2},"b":2,"c":3}""")]
    [TestCase("States.StringToJson($.escaped)", """{"foo":"bar"}""")]
    [TestCase("States.StringToJson(' ')", "null")]
    [TestCase("States.StringToJson('')", "null")]
    [TestCase("States.StringToJson('1.1')", "1.1")]
    [TestCase("States.JsonToString($.unescaped)", """ "{\"foo\":\"bar\",\"list\":[1,\"two\",null]}" """)]
    [TestCase("States.JsonToString($.emoji)", """ "\"é😀\"" """)]
    [TestCase("States.JsonToString($.n)", "\"111\"")]
    [TestCase("States.MathAdd($.n, $.step)", "110")]
    [TestCase("States.MathAdd(2.5, 0)", "3")]
    [TestCase("States.MathAdd(-2.5, 0)", "-2")]
    [TestCase("States.MathAdd(-1.49, -1.5)", "-2")]
    [TestCase("States.MathAdd(2147483647, 2147483647)", "4294967294")]
    [TestCase("States.StringSplit($.csv, ',')", """["1","2","3","4","5"]""")]
    [TestCase("States.StringSplit($.mixed, $.splitter)", """["This","is","a","test","string"]""")]
    [TestCase("States.StringSplit(',a,,b,', ',')", """["a","b"]""")]
    [TestCase("States.Format('Hello, my name is {}.', $.name)", "\"Hello, my name is Arnav.\"")]
    [TestCase("States.Format($.template, $.name)", "\"Hello, my name is Arnav.\"")]
    [TestCase("States.Format('{} {} {} {}', $.n, true, null, 1.50)", "\"111 true null 1.50\"")]
    [TestCase("States.Format('obj={} arr={}', $.json1, $.unescaped.list)", "\"obj={a={a1=1, a2=2}, b=2} arr=[1, two, null]\"")]
    [TestCase(@"States.Format('\{\} {} it\'s \\', $.n)", @"""{} 111 it's \\""")]
    [TestCase("States.Format('no placeholders')", "\"no placeholders\"")]
    [TestCase("States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit('arn:aws:x/y.z/w', '/'), 1), '.'), 1)", "\"z\"")]
    public void Computes_the_documented_result(string expression, string expected) =>
        Assert.That(Evaluate(expression), Is.EqualTo(JsonValue.Parse(expected)));

    [Test]
    public void ArrayRange_can_make_exactly_1000_items_and_no_more()
    {
        Assert.Multiple(() =>
        {
            Assert.That(((JsonArray)Evaluate("States.ArrayRange(1, 1000, 1)")).Count, Is.EqualTo(1000));
            Assert.That(Failure("States.ArrayRange(1, 1001, 1)"), Is.EqualTo(new StatesError(
                "States.Runtime", "Invalid arguments in States.ArrayRange: the range would hold 1001 items, more than the 1000 allowed")));
        });
    }

    [Test]
    public void UUID_is_a_version_4_uuid_drawn_from_the_executionʼs_random_source()
    {
        var first = ((JsonString)Evaluate("States.UUID()", seed: 7)).Value;
        var again = ((JsonString)Evaluate("States.UUID()", seed: 7)).Value;
        var other = ((JsonString)Evaluate("States.UUID()", seed: 8)).Value;

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
            Assert.That(again, Is.EqualTo(first), "the same random source gives the same UUID, so a replay reproduces it");
            Assert.That(other, Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void MathRandom_stays_in_its_range_and_a_seed_fixes_the_result()
    {
        var scope = new TestScope(Input, seed: 1);
        var random = FieldExpression.Compile("States.MathRandom(1, 4)");
        var seen = new HashSet<double>();
        for (var i = 0; i < 200; i++)
            seen.Add(((JsonNumber)random.Evaluate(scope, "r.$")).Value);
        var seeded = FieldExpression.Compile("States.MathRandom(0, 999, 3)");

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EquivalentTo(new double[] { 1, 2, 3 }), "start inclusive, end exclusive");
            Assert.That(seeded.Evaluate(new TestScope(seed: 1), "r.$"), Is.EqualTo(seeded.Evaluate(new TestScope(seed: 2), "r.$")));
        });
    }

    [TestCase("States.ArrayLength($.n)", "Invalid arguments in States.ArrayLength: argument 1 must be an array, not the number 111")]
    [TestCase("States.ArrayPartition($.inputArray, 0)", "Invalid arguments in States.ArrayPartition: the chunk size must be a positive integer, not 0")]
    [TestCase("States.ArrayRange(1, 5, 0)", "Invalid arguments in States.ArrayRange: the step (argument 3) must not be 0")]
    [TestCase("States.ArrayRange('1', 5, 1)", "Invalid arguments in States.ArrayRange: argument 1 must be a number, not the string \"1\"")]
    [TestCase("States.ArrayGetItem($.inputArray, 9)", "Invalid arguments in States.ArrayGetItem: the index 9 is outside the array, which has 9 items")]
    [TestCase("States.ArrayGetItem($.inputArray, -1)", "Invalid arguments in States.ArrayGetItem: the index -1 is outside the array, which has 9 items")]
    [TestCase("States.Base64Decode('not base64!')", "Invalid arguments in States.Base64Decode: the argument is not Base64 text")]
    [TestCase("States.Base64Encode($.n)", "Invalid arguments in States.Base64Encode: argument 1 must be a string, not the number 111")]
    [TestCase("States.Hash($.data, 'SHA-3')", "Invalid arguments in States.Hash: 'SHA-3' is not a hash algorithm; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512")]
    [TestCase("States.Hash($.unescaped, 'MD5')", "Invalid arguments in States.Hash: argument 1 must be a string, not the object {\"foo\":\"bar\",\"list\":[1,\"two\",null]}")]
    [TestCase("States.JsonMerge($.json1, $.json2, true)", "Invalid arguments in States.JsonMerge: deep merging is not supported; the third argument must be false")]
    [TestCase("States.JsonMerge($.json1, $.n, false)", "Invalid arguments in States.JsonMerge: argument 2 must be a JSON object, not the number 111")]
    [TestCase("States.StringToJson('{nope')", "Invalid arguments in States.StringToJson: the argument is not JSON text")]
    [TestCase("States.MathAdd(2147483648, 1)", "Invalid arguments in States.MathAdd: argument 1 must be between -2147483648 and 2147483647, not 2147483648")]
    [TestCase("States.MathAdd($.name, 1)", "Invalid arguments in States.MathAdd: argument 1 must be a number, not the string \"Arnav\"")]
    [TestCase("States.MathRandom(5, 5)", "Invalid arguments in States.MathRandom: the start (5) must be less than the end (5)")]
    [TestCase("States.StringSplit($.n, ',')", "Invalid arguments in States.StringSplit: argument 1 must be a string, not the number 111")]
    [TestCase("States.Format($.template)", "Invalid arguments in States.Format: the template has 1 '{}' but 0 values follow it")]
    [TestCase("States.Format($.n, 1)", "Invalid arguments in States.Format: argument 1 must be a string, not the number 111")]
    public void Fails_with_States_Runtime_naming_the_function_and_the_problem(string expression, string cause)
    {
        var error = Failure(expression);

        Assert.Multiple(() =>
        {
            Assert.That(error.Error, Is.EqualTo("States.Runtime"), "AWS reports intrinsic errors as States.Runtime (IntrinsicFailure is reserved)");
            Assert.That(error.Cause, Does.StartWith(cause));
        });
    }

    [Test]
    public void Text_over_10000_characters_is_refused_by_the_encoding_functions()
    {
        var scope = new TestScope($$"""{"long":"{{new string('x', 10_001)}}","max":"{{new string('x', 10_000)}}"}""");

        Assert.Multiple(() =>
        {
            Assert.That(() => FieldExpression.Compile("States.Hash($.max, 'MD5')").Evaluate(scope, "h.$"), Throws.Nothing);
            foreach (var expression in new[] { "States.Base64Encode($.long)", "States.Base64Decode($.long)", "States.Hash($.long, 'MD5')" })
            {
                Assert.That(() => FieldExpression.Compile(expression).Evaluate(scope, "h.$"), Throws.TypeOf<StatesErrorException>()
                    .With.Message.Contains("the text has 10001 characters, more than the 10000 allowed"), expression);
            }
        });
    }

    [Test]
    public void A_missing_path_argument_fails_like_a_missing_template_path()
    {
        var error = Failure("States.Format('{}', $.nope)");

        Assert.That(error, Is.EqualTo(new StatesError("States.Runtime", "The JSONPath '$.nope' specified for the field 'f.$' could not be found in the input '{\"a\":1}'")));

        static StatesError Failure(string expression) =>
            Assert.Throws<StatesErrorException>(() => FieldExpression.Compile(expression).Evaluate(new TestScope("""{"a":1}"""), "f.$"))!.Error;
    }

    [Test]
    public void A_backslash_that_escapes_nothing_fails_when_the_function_runs()
    {
        var expression = FieldExpression.Compile(@"States.StringSplit('a\qb', 'q')");

        Assert.That(() => expression.Evaluate(new TestScope(), "f.$"), Throws.TypeOf<StatesErrorException>()
            .With.Property(nameof(StatesErrorException.Error)).Property(nameof(StatesError.Error)).EqualTo("States.Runtime")
            .And.Message.Contains("escapes nothing"));
    }

    private static JsonValue Evaluate(string expression, int seed = 42) =>
        FieldExpression.Compile(expression).Evaluate(new TestScope(Input, seed: seed), "f.$");

    private static StatesError Failure(string expression) =>
        Assert.Throws<StatesErrorException>(() => Evaluate(expression))!.Error;
}
