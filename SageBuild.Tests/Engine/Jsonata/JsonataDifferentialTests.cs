using SageBuild.Engine.Expressions;
using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>
/// The native evaluator against the official JSONata (npm jsonata 2.x under node): the documentation's examples,
/// hand-picked corners of the language and a thousand generated expressions must give the same value, or fail with
/// the same JSONata error code.
/// </summary>
[NonParallelizable]
public sealed class JsonataDifferentialTests
{
    private static readonly JsonataBindings Standard = new() { Dialect = JsonataDialect.Standard };

    /// <summary>Corners of the language the documentation's examples do not reach.</summary>
    private static readonly string[] Corners =
    [
        "Account.Order.Product[Price > 30 and Quantity < 3].SKU", "Account.Order[0].Product[0].Description.%.%.OrderID",
        "Account.Order.Product@$p.Description@$d.{'c': $d.Colour, 'q': $p.Quantity}", "Account.Order.Product#$i[$i > 1].SKU",
        "Account.Order.Product^(>Price)#$i.{'rank': $i, 'sku': SKU}", "Account.Order.Product{Description.Colour: `Product Name`}",
        "Account.Order.Product.{Description.Colour: Price}", "[1,2,3][$ > 1]", "[[1,2],[3,4]].$", "[[1,2],[3,4]][0]", "[1,[2,[3,[4]]]]",
        "$count([[1,2],[3,4]])", "{'a': [1,2]}.a[]", "$.Account.Order[-1].OrderID", "Account.Order.Product[-5]", "**[Colour = 'Black'].Width",
        "Account.Order.Product.Price[$ > 30]", "$sum(Account.Order.Product[Price > 200].Price)", "$max([])", "$average([1,2,3,4])",
        "Account.Order.Product.$sift(function($v, $k) { $k = 'SKU' })", "$spread(Account.Order[0].Product[0].Description)",
        "$lookup(Account.Order.Product, 'SKU')", "$each({'a': 1, 'b': 2}, function($v, $k, $o) { $k & $v & $count($keys($o)) })",
        "$zip([1,2,3], ['a','b'])", "$single([1,2,3], function($v) { $v = 2 })", "$single([1,2,3], function($v) { $v > 1 })",
        "$reduce([1..10], function($a, $v, $i) { $a + $v * $i })", "$sort(Account.Order.Product, function($a, $b) { $a.Price < $b.Price }).Price",
        "$sort(['b', 'a', 'C'])", "$sort([3, 'a'])", "$string({'a': 1.5, 'b': [true, null, 'x'], 'c': function($x){$x}})", "$string([1/3, 1e21, 1e-7, 123456789012345678])",
        "$string({'a': {'b': 1}}, true)", "$number('1e3')", "$number('0b101')", "$number('abc')", "$number(true)", "1 + 'a'", "'a' + 1", "-'x'",
        "1 < 'a'", "'a' < 'b'", "{} < 1", "null = null", "[1,2] = [1,2]", "{'a': 1} = {'a': 1}", "1 in [1,2]", "'x' in 'x'",
        "$exists(nothing) ? 'yes' : 'no'", "nothing ?: 'default'", "nothing ?? 'default'", "false ?: 'elvis'", "false ?? 'coalesce'", "Account.Order.Product[0].Price ?: 0",
        "($a := 1; ($a := 2); $a)", "($f := function($n) { $n < 2 ? $n : $f($n - 1) + $f($n - 2) }; $f(15))",
        "($loop := function($n, $acc) { $n = 0 ? $acc : $loop($n - 1, $acc + $n) }; $loop(5000, 0))",
        "$map([1,2,3], $string)", "$map(['1','2'], $number)", "[1,2,3] ~> $map(function($v) { $v * 10 }) ~> $sum()",
        "($inc := function($x) { $x + 1 }; $twice := $inc ~> $inc; $twice(5))", "$substring('héllo wörld 😀!', 6, 7)", "$length('😀😀')",
        "$uppercase('straße')", "$pad('😀', 3, '#')", "$split('a1b22c333', /[0-9]+/)", "$split('abc', '')", "$split('a,b,c', ',', 2)",
        "$match('2024-01-02 and 2025-03-04', /(\\d+)-(\\d+)-(\\d+)/)", "$match('abc', /x/)", "$replace('aaa', 'a', 'b', 2)", "$replace('abc', /(b)/, '[$1$2$0]')",
        "$replace('abc', /b/, function($m) { $uppercase($m.match) })", "$contains('abc', /B/i)", "/a+/('caaab')", "$replace('a.b', '.', '')",
        "$formatNumber(1234567.891, '#,##0.##')", "$formatNumber(0.000123, '0.00e0')", "$formatNumber(-5, '0;0-')", "$formatNumber(12, '#,##,##0')",
        "$formatInteger(1234, '#,##0')", "$formatInteger(21, '1;o')", "$formatInteger(3, 'w;o')", "$formatInteger(28, 'A')", "$formatInteger(1994, 'i')",
        "$formatInteger(123456789, 'W')", "$parseInteger('MCMXCIV', 'I')", "$parseInteger('ab', 'a')", "$formatBase(255, 16)", "$formatBase(-255, 2)",
        "$round(2.5)", "$round(3.5)", "$round(-2.5)", "$round(1.005, 2)", "$round(12345, -2)", "$power(2, 0.5)", "$sqrt(-1)", "$power(10, 400)",
        "$floor(-0.5)", "$abs(-0)", "1e300 * 1e300", "$toMillis('2024-02-29T12:00:00.000Z')", "$toMillis('2024-02-29')", "$toMillis('not a date')",
        "$fromMillis(0)", "$fromMillis(1700000000000, '[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]', '+0530')",
        "$fromMillis(1700000000000, '[FNn], [D1o] [MNn] [Y] at [h]:[m01] [PN]')", "$fromMillis(1700000000000, '[Y,2]/[M]/[D]')",
        "$fromMillis(1700000000000, 'Week [W] of [X], day [d]')", "$fromMillis(1700000000000, '[MN,3-3] [D01]')",
        "$toMillis('10/11/2023', '[M]/[D]/[Y]')", "$toMillis('2023-11-14 22:13', '[Y]-[M]-[D] [H]:[m]')",
        "$encodeUrlComponent('a b&c=d/é')", "$encodeUrl('https://x.org/a b?q=é&r=1#f')", "$decodeUrlComponent('a%20b%26c')", "$decodeUrl('a%20b%26c')",
        "$base64encode('héllo')", "$base64decode('aMOpbGxv')", "$type(function(){1})", "$type(null)", "$type([])", "$type(nothing)",
        "$keys([{'a': 1}, {'b': 2, 'a': 3}])", "$merge([{'a': 1}, {'a': 2, 'b': 3}])", "$append(nothing, [1])", "$distinct([{'a':1},{'a':1},[1],[1]])",
        "$boolean([0, false])", "$boolean([0, 1])", "$boolean({})", "$boolean('')", "$not(null)", "$count(nothing)", "$sum(nothing)",
        "Account.Order.Product.Price ~> $sum()", "$error('boom')", "$assert(1 = 2, 'nope')", "$assert(true)", "Account.Order.Product.Price.$string()",
        "| Account.Order.Product | {'Price': Price * 2}, ['SKU', 'Description'] |", "Account ~> | Order.Product | {'Total': Price * Quantity} |",
        "$ ~> |Account.Order.Product|{}, 'Quantity'|", "(Account.Order.Product)[[1..2]].SKU", "[0..4][$ % 2 = 0]", "[1..3].[$, $ * $]",
        "[1..3].{'v': $}", "{'a': 1, 'b': 2}.*", "{'a': {'b': [1, {'c': 2}]}}.**", "Account.Order.Product.Description{Colour: $count($)}",
        "$eval('1 + 2')", "$eval('Account.`Account Name`')", "$eval('1 +')", "foo()", "$foo()", "$uppercase(?)('abc')", "'abc' ~> $substring(1)",
        "[3,1,2]^($)", "Account.Order.Product^(>Description.Weight, SKU).SKU", "Account.Order.Product^(Price).%.OrderID",
        "Account.Order.Product.(Price)[0]", "$string(0.1 + 0.2)", "0.1 + 0.2", "7 % 3", "-7 % 3", "2 * -3", "\"a\\u0041\\n\" & 'b'",
        "/* comment */ 1 + /* another */ 2", "`Account`.`Order`[0].`OrderID`", "Account.Order.Product[$contains(SKU, '0406')].SKU",
        "$filter([1..10], function($v, $i) { $i % 3 = 0 })", "[1..5] ~> $filter(function($v) { $v > 2 }) ~> $map(function($v) { $v * $v })",
        "(λ($x) { $x * 2 })(21)", "function($a, $b) <nn:n> { $a + $b }(1, 2)", "function($a) <n:n> { $a }('x')", "$substring('hello', -3)",
        "$sum([1, 'a'])", "$join(['a', 1])", "$count(1, 2)", "$string()", "Account.Order.Product.$length(SKU)",
    ];

    /// <summary>Joins, positions and parents over the library document of the path-operators page.</summary>
    private static readonly string[] LibraryCorners =
    [
        "library.books#$i['Kernighan' in authors].{'title': title, 'index': $i}",
        "library.loans@$l.books@$b[$l.isbn=$b.isbn].{'title': $b.title, 'customer': $l.customer}",
        "(library.loans)@$l.(catalog.books)@$b[$l.isbn=$b.isbn].{'title': $b.title, 'customer': $l.customer}",
        "library.loans@$l.customers@$c[$l.customer=$c.id].{'name': $c.name, 'return': $l.return}",
        "library.books@$b.loans[$b.isbn = isbn].{'book': $b.title, 'due': return}",
        "library.books.authors[$ = 'Aho'].%.title", "library.books.authors.%.%.loans[0].customer", "library.books{$string(copies): title}",
        "library.books^(>copies, title).title", "library.books#$pos^(title).{'t': title, 'p': $pos}", "library.customers.address{city: $count(%.id)}",
        "library.books[price > 30]#$i.{'i': $i, 'isbn': isbn}", "library.books.authors#$a[$a < 1]", "library.books[0..1]", "library.books[[0, -1]].isbn",
        "library.customers[address.city = 'Winchester'].name[]", "library.books.$count(authors)", "library.books[$count(authors) > 2].title",
        "$sum(library.books.(price * copies))", "library.loans{customer: $count(isbn)}", "library.loans{customer: [isbn]}",
        "library.books.{title: authors}", "$each(library.customers[0].address, function($v, $k) { $k & '=' & $v }) ~> $join('&')",
    ];

    /// <summary>A top-level array input: the whole array is one context item.</summary>
    private static readonly string[] ArrayInputCorners =
    [
        "$", "$[0]", "$[1].ref[0]", "$.ref", "ref", "$count($)", "$count(ref)", "$string($)", "$[ref[0] = 3]", "$.ref[-1]", "$$[0].ref", "*", "**",
        "$map($, function($v) { $sum($v.ref) })", "ref^(>$)", "$reverse($)", "$.{'sum': $sum(ref)}", "$ ~> $count()",
    ];

    /// <summary>Expressions that do not parse: the code and the position must both agree.</summary>
    private static readonly string[] SyntaxErrors =
    [
        "1 +", "[1, 2", "{'a' 1}", "$x :=", "a[", "'unterminated", "\"unterminated", "1 /* unclosed", "`name", "1 ! 2", "function(a){1}",
        "1 := 2", "a.1", "a.true", "Account@x", "%", "$string(1) ~>", ")", "1..2", "/[/", "//", "a.b.(c", "{a: 1", "[1,,2]", "a ? : b",
        "$f(1,)", "x ~> ", "\"\\q\"", "\"\\u12\"", "1e999", "Account.Order{a: 1}{b: 2}", "Account.Order{a: 1}[0]", "Account.Order[0]@$o",
        "Account.Order^(Price)@$o", "**.%", "(%)", "function($a, 1) { $a }", "λ($x) <s<s>:s> { $x }", "a;b", "(a;b", "|a|b", "|a|b,c",
        "$.(%)", "1 = = 2", "and", "[1, 2]]", "'a' & ", "$x[", "a b", "1 2", "@", "#", "a#b", "a@$b#c",
    ];

    /// <summary>
    /// Where SageBuild knowingly differs from the official implementation, and why. The official JavaScript carries
    /// non-finite numbers and serialises them as null; AWS's evaluator does not (a non-finite result is refused), so
    /// SageBuild raises D1001 and the state fails with States.QueryEvaluationError.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDifferences = new(StringComparer.Ordinal)
    {
        ["1e300 * 1e300"] = "D1001",
    };

    private static List<(string Name, string Expression, JsonValue? Input)> Cases()
    {
        var invoice = JsonataDocExamples.Datasets["invoice"];
        var cases = new List<(string, string, JsonValue?)>();
        foreach (var example in JsonataDocExamples.All)
            cases.Add(($"doc {example}", example.Expression, example.Input));
        foreach (var corner in Corners)
            cases.Add(($"corner {corner}", corner, invoice));
        foreach (var bad in SyntaxErrors)
            cases.Add(($"syntax {bad}", bad, invoice));
        foreach (var corner in LibraryCorners)
            cases.Add(($"library {corner}", corner, JsonataDocExamples.Datasets["library"]));
        foreach (var corner in ArrayInputCorners)
            cases.Add(($"array input {corner}", corner, JsonataDocExamples.Datasets["refs"]));
        var generator = new JsonataExpressionGenerator(20241125);
        for (var i = 0; i < 2000; i++)
            cases.Add(($"generated #{i}", generator.Next(), invoice));
        return cases;
    }

    [Test]
    public void The_native_evaluator_agrees_with_the_official_implementation()
    {
        var cases = Cases();
        var oracle = JsonataOracle.Evaluate(cases.Select(c => (c.Expression, c.Input, (JsonObject?)null)).ToList());
        var disagreements = new List<string>();
        var failures = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var (name, expression, input) = cases[i];
            var expected = oracle[i];
            var (value, code, isFunction, position) = Native(expression, input);
            string? problem = null;
            if (KnownDifferences.TryGetValue(expression, out var knownCode))
            {
                if (code != knownCode)
                    disagreements.Add($"{name}\n    a known difference should give {knownCode}, not {code ?? value?.ToJson() ?? "undefined"}");
                continue;
            }

            if (expected.ErrorCode is not null || code is not null)
            {
                failures++;
                // "runtime" is a JavaScript error without a JSONata code (such as a TypeError); any JSONata error matches it.
                if (expected.ErrorCode != code && !(expected.ErrorCode == "runtime" && code is not null))
                    problem = $"official: {expected.ErrorCode ?? Describe(expected)} ({expected.ErrorMessage}); native: {code ?? value?.ToJson() ?? "undefined"}";
                else if (code!.StartsWith('S') && expected.Position is not null && expected.Position != position)
                    problem = $"{code} at position {expected.Position} officially, at {position} natively";
            }
            else if (expected.IsFunction || isFunction)
            {
                if (expected.IsFunction != isFunction)
                    problem = $"official function: {expected.IsFunction}; native function: {isFunction}";
            }
            else if (expected.IsUndefined != (value is null) || (value is not null && !value.Equals(expected.Value)))
            {
                problem = $"official: {Describe(expected)}; native: {value?.ToJson() ?? "undefined"}";
            }

            if (problem is not null)
                disagreements.Add($"{name}\n    {expression.ReplaceLineEndings(" ")}\n    {problem}");
        }

        TestContext.Out.WriteLine($"{cases.Count} expressions compared, {failures} of them errors on both sides");
        Assert.That(disagreements, Is.Empty, string.Join("\n", disagreements));
    }

    private static string Describe(JsonataOracleResult r) =>
        r.ErrorCode ?? (r.IsUndefined ? "undefined" : r.IsFunction ? "a function" : r.Value!.ToJson());

    private static (JsonValue? Value, string? Code, bool IsFunction, int? Position) Native(string expression, JsonValue? input)
    {
        JsonataExpression compiled;
        try
        {
            compiled = JsonataExpression.Compile(expression);
        }
        catch (JsonataSyntaxException e)
        {
            return (null, e.Code, false, e.Position);
        }

        try
        {
            return (compiled.Evaluate(input, Standard), null, false, null);
        }
        catch (StatesErrorException e) when (e.Error.Cause.Contains("unsupported result type", StringComparison.Ordinal))
        {
            return (null, null, true, null);
        }
        catch (StatesErrorException e)
        {
            // "... threw an error: T2001: message"
            var cause = e.Error.Cause;
            var marker = cause.IndexOf("threw an error: ", StringComparison.Ordinal);
            return (null, marker < 0 ? cause : cause.Substring(marker + 16, 5), false, null);
        }
    }
}
