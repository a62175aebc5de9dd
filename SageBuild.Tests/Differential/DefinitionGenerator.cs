using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Differential;

/// <summary>
/// A seeded generator of pure JSONPath definitions that always terminate, each with an input that exercises it. Every
/// case belongs to one family (a Choice operator, an intrinsic function, Map, Parallel, variables, paths, Fail), so a
/// difference with a peer is written down once per family. The same seed gives the same cases.
/// </summary>
public static class DefinitionGenerator
{
    private static readonly string[] Words = ["alpha", "beta", "Gamma", "delta", "a*c", "abc", "x y", "", "zeta", "éclair", "10", "9"];
    private static readonly string[] Timestamps = ["2024-01-01T00:00:00Z", "2024-06-15T12:30:00Z", "2023-12-31T23:59:59Z", "2024-01-01T00:00:00.500Z", "2025-03-01T08:00:00+02:00"];

    private static readonly string[] StringOperators = ["StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals"];
    private static readonly string[] NumericOperators = ["NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals"];
    private static readonly string[] TimestampOperators = ["TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals"];
    private static readonly string[] TypeTests = ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"];

    /// <summary>The families and how many cases each gets per round.</summary>
    private static readonly (string Family, Func<Random, (JsonObject Definition, JsonValue Input)> Make)[] Families = BuildFamilies();

    /// <summary><paramref name="count"/> cases from <paramref name="seed"/>, cycling through the families.</summary>
    public static IReadOnlyList<GeneratedCase> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var cases = new List<GeneratedCase>(count);
        for (var i = 0; i < count; i++)
        {
            var (family, make) = Families[i % Families.Length];
            var (definition, input) = make(random);
            cases.Add(new GeneratedCase($"gen-{i:D4}-{family}", family, definition, input));
        }

        return cases;
    }

    /// <summary>Every family name, for the check that each one yields cases.</summary>
    public static IEnumerable<string> FamilyNames => Families.Select(f => f.Family);

    private static (string, Func<Random, (JsonObject, JsonValue)>)[] BuildFamilies()
    {
        var families = new List<(string, Func<Random, (JsonObject, JsonValue)>)>();
        foreach (var op in StringOperators)
        {
            families.Add(($"choice:{op}", r => Choice(r, op, "$.s", Str(Pick(r, Words)))));
            families.Add(($"choice:{op}Path", r => Choice(r, op + "Path", "$.s", Str("$.t"))));
        }

        foreach (var op in NumericOperators)
        {
            families.Add(($"choice:{op}", r => Choice(r, op, "$.n", Num(r.Next(-3, 4) + (r.Next(3) == 0 ? 0.5 : 0)))));
            families.Add(($"choice:{op}Path", r => Choice(r, op + "Path", "$.n", Str("$.m"))));
        }

        foreach (var op in TimestampOperators)
        {
            families.Add(($"choice:{op}", r => Choice(r, op, "$.ts", Str(Pick(r, Timestamps)))));
            families.Add(($"choice:{op}Path", r => Choice(r, op + "Path", "$.ts", Str("$.ts2"))));
        }

        families.Add(("choice:StringMatches", r => Choice(r, "StringMatches", "$.s", Str(Pick(r, ["a*", "*a", "*", "a*c", "x y", "*e*", "alpha", "a\\*c"])))));
        families.Add(("choice:BooleanEquals", r => Choice(r, "BooleanEquals", "$.b", JsonBoolean.From(r.Next(2) == 0))));
        families.Add(("choice:BooleanEqualsPath", r => Choice(r, "BooleanEqualsPath", "$.b", Str("$.c"))));
        foreach (var test in TypeTests)
            families.Add(($"choice:{test}", r => Choice(r, test, Pick(r, ["$.s", "$.n", "$.b", "$.ts", "$.nul", "$.missing", "$.obj"]), JsonBoolean.From(r.Next(4) != 0))));
        families.Add(("choice:And/Or/Not", BooleanCombination));
        families.Add(("choice:Default", ChoiceDefaultOrNoMatch));

        foreach (var (name, make) in Intrinsics())
            families.Add(($"intrinsic:{name}", r => IntrinsicPass(r, make(r))));

        families.Add(("pass:Result+ResultPath", PassResult));
        families.Add(("pass:Parameters", PassParameters));
        families.Add(("paths:InputPath/OutputPath", Paths));
        families.Add(("map:ItemsPath", r => MapState(r, selector: false, concurrency: false)));
        families.Add(("map:ItemSelector", r => MapState(r, selector: true, concurrency: false)));
        families.Add(("map:MaxConcurrency", r => MapState(r, selector: r.Next(2) == 0, concurrency: true)));
        families.Add(("parallel", ParallelState));
        families.Add(("assign:variables", Variables));
        families.Add(("fail", FailState));
        families.Add(("catch:Parallel", CatchParallel));
        return [.. families];
    }

    // ---------------------------------------------------------------- inputs

    private static JsonObject Input(Random r)
    {
        var values = Enumerable.Range(0, r.Next(0, 6)).Select(_ => (JsonValue)JsonNumber.From(r.Next(-5, 10))).ToArray();
        return JsonObject.Create(
            ("s", Pick(r, Words)),
            ("t", Pick(r, Words)),
            ("n", NumberValue(r)),
            ("m", NumberValue(r)),
            ("b", r.Next(2) == 0),
            ("c", r.Next(2) == 0),
            ("ts", Pick(r, Timestamps)),
            ("ts2", Pick(r, Timestamps)),
            ("nul", JsonNull.Instance),
            ("arr", JsonArray.Wrap(values)),
            ("words", JsonArray.Create(Enumerable.Range(0, r.Next(1, 5)).Select(_ => (JsonValue)Pick(r, Words)))),
            ("obj", JsonObject.Create(("k", Pick(r, Words)), ("v", r.Next(100)), ("inner", JsonObject.Create(("deep", r.Next(2) == 0))))),
            ("text", Pick(r, ["hello world", "a,b,c", "{\"x\":1}", "[1,2,3]", "SGVsbG8=", "  spaced  "])));
    }

    private static JsonNumber NumberValue(Random r) => r.Next(4) switch
    {
        0 => JsonNumber.From(r.Next(-3, 4)),
        1 => JsonNumber.From(r.Next(-30, 30) / 10.0),
        2 => JsonNumber.From(r.Next(1000)),
        _ => JsonNumber.From(r.Next(-3, 4) + 0.5),
    };

    // ---------------------------------------------------------------- Choice

    private static (JsonObject, JsonValue) Choice(Random r, string op, string variable, JsonValue operand)
    {
        var rule = JsonObject.Create(("Variable", variable), (op, operand), ("Next", "Matched"));
        return (ChoiceMachine([rule], withDefault: true), Input(r));
    }

    private static (JsonObject, JsonValue) BooleanCombination(Random r)
    {
        JsonObject Leaf() => r.Next(3) switch
        {
            0 => JsonObject.Create(("Variable", "$.n"), ("NumericGreaterThan", r.Next(-2, 3))),
            1 => JsonObject.Create(("Variable", "$.s"), ("StringEquals", Pick(r, Words))),
            _ => JsonObject.Create(("Variable", "$.b"), ("BooleanEquals", true)),
        };
        JsonObject Expression(int depth) => depth == 0 || r.Next(3) == 0
            ? Leaf()
            : r.Next(3) switch
            {
                0 => JsonObject.Create(("And", JsonArray.Create(Expression(depth - 1), Expression(depth - 1)))),
                1 => JsonObject.Create(("Or", JsonArray.Create(Expression(depth - 1), Expression(depth - 1), Expression(depth - 1)))),
                _ => JsonObject.Create(("Not", Expression(depth - 1))),
            };
        var rule = Expression(3).With("Next", "Matched");
        if (!rule.ContainsKey("And") && !rule.ContainsKey("Or") && !rule.ContainsKey("Not"))
            rule = JsonObject.Create(("Not", Leaf()), ("Next", "Matched"));
        return (ChoiceMachine([rule], withDefault: true), Input(r));
    }

    private static (JsonObject, JsonValue) ChoiceDefaultOrNoMatch(Random r)
    {
        var rules = Enumerable.Range(0, r.Next(1, 4))
            .Select(_ => JsonObject.Create(("Variable", "$.n"), ("NumericEquals", r.Next(-3, 4)), ("Next", "Matched")))
            .ToArray();
        return (ChoiceMachine(rules, withDefault: r.Next(2) == 0), Input(r));
    }

    private static JsonObject ChoiceMachine(JsonObject[] rules, bool withDefault)
    {
        var choice = new JsonObjectBuilder();
        choice.Set("Type", "Choice");
        choice.Set("Choices", JsonArray.Create(rules.Select(x => (JsonValue)x)));
        var matched = JsonObject.Create(("Type", "Pass"), ("Result", "matched"), ("ResultPath", "$.branch"), ("End", true));
        if (!withDefault)
            return Machine("Decide", ("Decide", choice.Build()), ("Matched", matched));
        choice.Set("Default", "Otherwise");
        return Machine("Decide",
            ("Decide", choice.Build()),
            ("Matched", matched),
            ("Otherwise", JsonObject.Create(("Type", "Pass"), ("Result", "otherwise"), ("ResultPath", "$.branch"), ("End", true))));
    }

    // ---------------------------------------------------------------- intrinsics

    private static IEnumerable<(string, Func<Random, string>)> Intrinsics()
    {
        yield return ("States.Format", r => Pick(r, ["States.Format('{} and {}', $.s, $.n)", "States.Format('n={}', $.n)", "States.Format('plain')", "States.Format('{}-{}', $.b, $.nul)", "States.Format('\\{literal\\} {}', $.t)"]));
        yield return ("States.StringToJson", r => Pick(r, ["States.StringToJson('{\"a\":[1,2]}')", "States.StringToJson($.text)", "States.StringToJson('3.5')"]));
        yield return ("States.JsonToString", r => Pick(r, ["States.JsonToString($.obj)", "States.JsonToString($.arr)", "States.JsonToString($.n)", "States.JsonToString($.s)"]));
        yield return ("States.Array", r => Pick(r, ["States.Array($.s, $.n, $.b)", "States.Array()", "States.Array($.obj, $.arr, 'x', 5)"]));
        yield return ("States.ArrayPartition", r => $"States.ArrayPartition($.arr, {r.Next(1, 4)})");
        yield return ("States.ArrayContains", r => Pick(r, ["States.ArrayContains($.arr, 3)", "States.ArrayContains($.words, $.s)", "States.ArrayContains($.arr, $.n)"]));
        yield return ("States.ArrayRange", r => $"States.ArrayRange({r.Next(-3, 3)}, {r.Next(3, 12)}, {r.Next(1, 4)})");
        yield return ("States.ArrayGetItem", r => $"States.ArrayGetItem(States.Array(10, 20, 30, 40), {r.Next(0, 4)})");
        yield return ("States.ArrayLength", r => Pick(r, ["States.ArrayLength($.arr)", "States.ArrayLength($.words)", "States.ArrayLength(States.Array())"]));
        yield return ("States.ArrayUnique", r => Pick(r, ["States.ArrayUnique($.arr)", "States.ArrayUnique(States.Array(1, 1, 2, '1', $.s, $.s))"]));
        yield return ("States.Base64Encode", r => Pick(r, ["States.Base64Encode($.s)", "States.Base64Encode($.text)", "States.Base64Encode('Hello, World')"]));
        yield return ("States.Base64Decode", r => Pick(r, ["States.Base64Decode('SGVsbG8=')", "States.Base64Decode('YWxwaGE=')", "States.Base64Decode('w6ljbGFpcg==')"]));
        yield return ("States.Hash", r => $"States.Hash($.s, '{Pick(r, ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"])}')");
        yield return ("States.JsonMerge", r => Pick(r, ["States.JsonMerge($.obj, States.StringToJson('{\"k\":\"new\",\"z\":1}'), false)", "States.JsonMerge(States.StringToJson('{\"a\":{\"b\":1}}'), States.StringToJson('{\"a\":{\"c\":2}}'), false)"]));
        yield return ("States.MathAdd", r => Pick(r, ["States.MathAdd($.n, 1)", $"States.MathAdd({r.Next(-50, 50)}, {r.Next(-50, 50)})", "States.MathAdd(States.ArrayLength($.arr), -1)"]));
        yield return ("States.StringSplit", r => Pick(r, ["States.StringSplit($.text, ',')", "States.StringSplit('a-b--c', '-')", "States.StringSplit($.s, 'a')"]));
        yield return ("nested", r => Pick(r, ["States.ArrayGetItem(States.StringSplit('x,y,z', ','), States.MathAdd(1, 1))", "States.Format('{}', States.ArrayLength(States.ArrayRange(1, 9, 2)))", "States.JsonToString(States.Array(States.Base64Encode('a'), $.n))"]));
    }

    private static (JsonObject, JsonValue) IntrinsicPass(Random r, string call)
    {
        var pass = JsonObject.Create(("Type", "Pass"), ("Parameters", JsonObject.Create(("value.$", call), ("input.$", "$.s"))), ("End", true));
        return (Machine("Call", ("Call", pass)), Input(r));
    }

    // ---------------------------------------------------------------- Pass, paths

    private static (JsonObject, JsonValue) PassResult(Random r)
    {
        var result = r.Next(3) switch
        {
            0 => (JsonValue)JsonObject.Create(("fixed", r.Next(100)), ("list", JsonArray.Create(1, "two", true, JsonNull.Instance))),
            1 => JsonString.From(Pick(r, Words)),
            _ => JsonNumber.From(r.Next(-10, 10)),
        };
        var pass = new JsonObjectBuilder();
        pass.Set("Type", "Pass");
        pass.Set("Result", result);
        switch (r.Next(4))
        {
            case 0: pass.Set("ResultPath", "$.result"); break;
            case 1: pass.Set("ResultPath", "$.obj.added"); break;
            case 2: pass.Set("ResultPath", JsonNull.Instance); break;
        }

        pass.Set("End", true);
        return (Machine("Give", ("Give", pass.Build())), Input(r));
    }

    private static (JsonObject, JsonValue) PassParameters(Random r)
    {
        var parameters = JsonObject.Create(
            ("constant", Pick(r, Words)),
            ("from.$", Pick(r, ["$.s", "$.obj", "$.obj.inner.deep", "$.arr", "$.arr[0]", "$.words[-1:]", "$.obj.k"])),
            ("nested", JsonObject.Create(("n.$", "$.n"), ("list", JsonArray.Create(1, 2)), ("ctx.$", "$$.State.Name"))),
            ("whole.$", "$"));
        var input = Input(r);
        if (((JsonArray)input["arr"]).Count == 0)
            input = input.With("arr", JsonArray.Create(7, 8));
        var pass = JsonObject.Create(("Type", "Pass"), ("Parameters", parameters), ("ResultPath", Pick(r, ["$", "$.p", "$.obj.p"])), ("End", true));
        return (Machine("Shape", ("Shape", pass)), input);
    }

    private static (JsonObject, JsonValue) Paths(Random r)
    {
        var first = new JsonObjectBuilder();
        first.Set("Type", "Pass");
        first.Set("InputPath", Pick(r, ["$", "$.obj", "$.obj.inner", "$.arr"]));
        first.Set("ResultPath", Pick(r, ["$.copy", "$"]));
        first.Set("OutputPath", Pick(r, ["$", "$.copy"]));
        first.Set("Next", "Second");
        var second = new JsonObjectBuilder();
        second.Set("Type", "Pass");
        if (r.Next(2) == 0)
            second.Set("InputPath", JsonNull.Instance);
        second.Set("Result", JsonObject.Create(("second", true)));
        second.Set("ResultPath", Pick(r, ["$.r", "$"]));
        second.Set("End", true);
        return (Machine("First", ("First", first.Build()), ("Second", second.Build())), Input(r));
    }

    // ---------------------------------------------------------------- Map, Parallel

    private static (JsonObject, JsonValue) MapState(Random r, bool selector, bool concurrency)
    {
        var inner = r.Next(2) == 0
            ? Machine("Item", ("Item", JsonObject.Create(("Type", "Pass"), ("Parameters", JsonObject.Create(("item.$", "$"), ("tag", "seen"))), ("End", true))))
            : Machine("Check",
                ("Check", JsonObject.Create(("Type", "Choice"), ("Choices", JsonArray.Create(JsonObject.Create(("Variable", selector ? "$.value" : "$"), ("IsNumeric", true), ("Next", "Number")))), ("Default", "Other"))),
                ("Number", JsonObject.Create(("Type", "Pass"), ("Result", "number"), ("End", true))),
                ("Other", JsonObject.Create(("Type", "Pass"), ("Result", "other"), ("End", true))));
        var map = new JsonObjectBuilder();
        map.Set("Type", "Map");
        map.Set("ItemsPath", Pick(r, ["$.arr", "$.words"]));
        map.Set("ItemProcessor", inner.With("ProcessorConfig", JsonObject.Create(("Mode", "INLINE"))));
        if (selector)
            map.Set("ItemSelector", JsonObject.Create(("index.$", "$$.Map.Item.Index"), ("value.$", "$$.Map.Item.Value"), ("s.$", "$.s")));
        if (concurrency)
            map.Set("MaxConcurrency", r.Next(0, 4));
        map.Set("ResultPath", Pick(r, ["$", "$.mapped"]));
        map.Set("End", true);
        return (Machine("Each", ("Each", map.Build())), Input(r));
    }

    private static (JsonObject, JsonValue) ParallelState(Random r)
    {
        var branches = Enumerable.Range(0, r.Next(1, 4)).Select(i => (JsonValue)Machine($"B{i}",
            ($"B{i}", JsonObject.Create(("Type", "Pass"), ("Parameters", JsonObject.Create(("branch", i), ("s.$", "$.s"))), ("Next", $"B{i}b"))),
            ($"B{i}b", JsonObject.Create(("Type", "Pass"), ("InputPath", "$.branch"), ("End", true))))).ToArray();
        var parallel = new JsonObjectBuilder();
        parallel.Set("Type", "Parallel");
        parallel.Set("Branches", JsonArray.Wrap(branches));
        if (r.Next(2) == 0)
            parallel.Set("ResultSelector", JsonObject.Create(("all.$", "$"), ("first.$", "$[0]")));
        parallel.Set("ResultPath", Pick(r, ["$.par", "$"]));
        parallel.Set("End", true);
        return (Machine("Fan", ("Fan", parallel.Build())), Input(r));
    }

    // ---------------------------------------------------------------- variables, Fail, Catch

    private static (JsonObject, JsonValue) Variables(Random r)
    {
        var assign = JsonObject.Create(("word", Pick(r, Words)), ("count.$", "$.n"), ("picked.$", "$.obj.k"));
        var use = r.Next(3) switch
        {
            0 => JsonObject.Create(("Type", "Pass"), ("Parameters", JsonObject.Create(("w.$", "$word"), ("c.$", "$count"), ("p.$", "$picked"))), ("End", true)),
            1 => JsonObject.Create(("Type", "Pass"), ("Parameters", JsonObject.Create(("f.$", "States.Format('{}:{}', $word, $count)"))), ("End", true)),
            _ => JsonObject.Create(("Type", "Pass"), ("Assign", JsonObject.Create(("count.$", "States.MathAdd($count, 1)"))), ("Parameters", JsonObject.Create(("before.$", "$count"))), ("End", true)),
        };
        return (Machine("Set", ("Set", JsonObject.Create(("Type", "Pass"), ("Assign", assign), ("Next", "Use"))), ("Use", use)), Input(r));
    }

    private static (JsonObject, JsonValue) FailState(Random r)
    {
        var fail = r.Next(3) switch
        {
            0 => JsonObject.Create(("Type", "Fail"), ("Error", "Custom.Error"), ("Cause", Pick(r, ["it failed", "with, commas"]))),
            1 => JsonObject.Create(("Type", "Fail"), ("Error", "OnlyError")),
            _ => JsonObject.Create(("Type", "Fail"), ("ErrorPath", "$.s"), ("CausePath", "$.t")),
        };
        return (Machine("Stop", ("Stop", fail)), Input(r));
    }

    private static (JsonObject, JsonValue) CatchParallel(Random r)
    {
        var failing = Machine("Boom", ("Boom", JsonObject.Create(("Type", "Fail"), ("Error", Pick(r, ["Custom.Error", "Other.Error"])), ("Cause", "branch failed"))));
        var catcher = JsonObject.Create(("ErrorEquals", JsonArray.Create(Pick(r, ["Custom.Error", "States.ALL", "States.BranchFailed"]))), ("ResultPath", Pick(r, ["$.error", "$"])), ("Next", "Recovered"));
        var parallel = JsonObject.Create(("Type", "Parallel"), ("Branches", JsonArray.Create(failing)), ("Catch", JsonArray.Create(catcher)), ("End", true));
        return (Machine("Try", ("Try", parallel), ("Recovered", JsonObject.Create(("Type", "Pass"), ("End", true)))), Input(r));
    }

    // ---------------------------------------------------------------- helpers

    private static JsonObject Machine(string startAt, params (string Name, JsonObject State)[] states)
    {
        var map = new JsonObjectBuilder();
        foreach (var (name, state) in states)
            map.Set(name, state);
        return JsonObject.Create(("StartAt", startAt), ("States", map.Build()));
    }

    private static JsonString Str(string value) => JsonString.From(value);

    private static JsonNumber Num(double value) => JsonNumber.From(value);

    private static string Pick(Random r, string[] values) => values[r.Next(values.Length)];
}
