using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Expressions;

public sealed class PathExpressionTests
{
    private const string Store = """
        {
          "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
              { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
            ],
            "bicycle": { "color": "red", "price": 19.95 }
          },
          "limit": 10,
          "odd key": { "a.b": [10, 20, 30, 40, 50] },
          "nothing": null
        }
        """;

    [TestCase("$", null)]
    [TestCase("$.limit", "10")]
    [TestCase("$.store.bicycle.color", "\"red\"")]
    [TestCase("$.store.book[0].author", "\"Nigel Rees\"")]
    [TestCase("$.store.book[-1].price", "22.99")]
    [TestCase("$['odd key']['a.b'][2]", "30")]
    [TestCase("$.nothing", "null")]
    [TestCase("$.store.book.length()", "4")]
    [TestCase("$.store.bicycle.length()", "2")]
    [TestCase("$.store.bicycle['color','price','missing']", """{"color":"red","price":19.95}""")]
    public void Selects_the_node_of_a_definite_path(string path, string? expected)
    {
        var compiled = PathExpression.Compile(path);
        var scope = new TestScope(Store);

        Assert.Multiple(() =>
        {
            Assert.That(compiled.IsDefinite, Is.True);
            Assert.That(compiled.TrySelect(scope, out var value), Is.True);
            Assert.That(value, Is.EqualTo(expected is null ? scope.Input : JsonValue.Parse(expected)));
        });
    }

    [TestCase("$.store.book[*].author", """["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]""")]
    [TestCase("$..author", """["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]""")]
    [TestCase("$.store.*.color", """["red"]""")]
    [TestCase("$..price", "[8.95,12.99,8.99,22.99,19.95]")]
    [TestCase("$.store.book[2:].title", """["Moby Dick","The Lord of the Rings"]""")]
    [TestCase("$.store.book[:2].title", """["Sayings of the Century","Sword of Honour"]""")]
    [TestCase("$.store.book[-2:].title", """["Moby Dick","The Lord of the Rings"]""")]
    [TestCase("$.store.book[::2].price", "[8.95,8.99]")]
    [TestCase("$.store.book[::-1].price", "[22.99,8.99,12.99,8.95]")]
    [TestCase("$.store.book[0,3].price", "[8.95,22.99]")]
    [TestCase("$.store.book[?(@.isbn)].title", """["Moby Dick","The Lord of the Rings"]""")]
    [TestCase("$.store.book[?(!@.isbn)].title", """["Sayings of the Century","Sword of Honour"]""")]
    [TestCase("$.store.book[?(@.price < 10)].price", "[8.95,8.99]")]
    [TestCase("$.store.book[?(@.price <= $.limit && @.category == 'fiction')].title", """["Moby Dick"]""")]
    [TestCase("$.store.book[?(@.price > 20 || @.author == \"Nigel Rees\")].price", "[8.95,22.99]")]
    [TestCase("$.store.book[?(@.author =~ /.*melville/i)].title", """["Moby Dick"]""")]
    [TestCase("$.store.book[?(@.author =~ /Melville/)].title", "[]")]
    [TestCase("$.store.book[?(@.category in ['reference', 'poetry'])].price", "[8.95]")]
    [TestCase("$.store.book[?(@.category nin ['fiction'])].price", "[8.95]")]
    [TestCase("$.store.book[?(@.price != 8.95)].price", "[12.99,8.99,22.99]")]
    [TestCase("$.store.book[?(@.title size 9)].title", """["Moby Dick"]""")]
    [TestCase("$.store.book[*].isbn", """["0-553-21311-3","0-395-19395-8"]""")]
    [TestCase("$.store.book[*].missing", "[]")]
    [TestCase("$.missing[*]", "[]")]
    [TestCase("$.store.bicycle[?(@.color == 'red')].price", "[19.95]")]
    [TestCase("$.store.book[*].length()", "4")]
    [TestCase("$['odd key']['a.b'][1:4]", "[20,30,40]")]
    [TestCase("$['odd key']['a.b'][?(@ > 25)]", "[30,40,50]")]
    public void Gives_an_indefinite_pathʼs_matches_as_an_array_in_document_order(string path, string expected)
    {
        var compiled = PathExpression.Compile(path);

        Assert.Multiple(() =>
        {
            Assert.That(compiled.TrySelect(new TestScope(Store), out var value), Is.True);
            Assert.That(value, Is.EqualTo(JsonValue.Parse(expected)));
        });
    }

    [Test]
    public void Gives_an_empty_array_for_a_wildcard_or_slice_over_missing_input_as_recorded_against_AWS()
    {
        foreach (var path in new[] { "$.item.items[*]", "$.item.items[1:5]", "$.item.items[1:]", "$.item.items[:1]", "$.items[*]" })
        {
            Assert.That(PathExpression.Compile(path).TrySelect(new TestScope("{}"), out var value) && value is JsonArray { Count: 0 }, Is.True, path);
        }
    }

    [TestCase("$.missing")]
    [TestCase("$.store.missing.color")]
    [TestCase("$.store.book[4]")]
    [TestCase("$.store.book[-5]")]
    [TestCase("$.limit.x")]
    [TestCase("$.store[0]")]
    [TestCase("$.nothing.x")]
    [TestCase("$.store.book.sum()")]
    [TestCase("$.limit.length()")]
    public void A_definite_path_that_finds_nothing_selects_nothing(string path) =>
        Assert.That(PathExpression.Compile(path).TrySelect(new TestScope(Store), out _), Is.False);

    [Test]
    public void Reads_the_context_object_and_variables()
    {
        var scope = new TestScope("""{"a":1}""", """{"Execution":{"Id":"arn:x","Input":{"k":"v"}},"Map":{"Item":{"Index":3}}}""")
            .With("counter", """{"total":7}""");

        Assert.Multiple(() =>
        {
            Assert.That(Select("$$.Execution.Id", scope), Is.EqualTo(JsonValue.FromString("arn:x")));
            Assert.That(Select("$$.Map.Item.Index", scope), Is.EqualTo((JsonValue)3));
            Assert.That(Select("$$", scope), Is.SameAs(scope.Context));
            Assert.That(Select("$counter.total", scope), Is.EqualTo((JsonValue)7));
            Assert.That(PathExpression.Compile("$unset").TrySelect(scope, out _), Is.False);
        });
    }

    [Test]
    public void Shares_the_selected_node_instead_of_copying_it()
    {
        var scope = new TestScope(Store);
        var store = ((JsonObject)scope.Input)["store"];

        Assert.That(Select("$.store", scope), Is.SameAs(store));
    }

    [TestCase("$.NoSuchInputPath", "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']")]
    [TestCase("$.store.book[9]", "Invalid path '$.store.book[9]' : No results for path: $['store']['book'][9]")]
    [TestCase("$.store.nope.x", "Invalid path '$.store.nope.x' : Missing property in path $['store']['nope']")]
    [TestCase("$.limit.x", "Invalid path '$.limit.x' : Expected to find an object with property ['x'] in path $['limit'] but found a number")]
    [TestCase("$unset.x", "Invalid path '$unset.x' : No variable named 'unset' has been assigned")]
    public void Select_fails_with_States_Runtime_in_AWSʼs_words(string path, string cause)
    {
        var error = Assert.Throws<StatesErrorException>(() => PathExpression.Compile(path).Select(new TestScope(Store)))!;

        Assert.That(error.Error, Is.EqualTo(new StatesError("States.Runtime", cause)));
    }

    [Test]
    public void Selecting_a_simple_definite_path_allocates_nothing()
    {
        var path = PathExpression.Compile("$.store.book[1].price");
        var variable = PathExpression.Compile("$v.a[0]");
        var scope = new TestScope(Store).With("v", """{"a":[1]}""");
        path.TrySelect(scope, out _);
        variable.TrySelect(scope, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            path.TrySelect(scope, out _);
            variable.TrySelect(scope, out _);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Compile_refuses_a_path_that_does_not_parse() =>
        Assert.That(() => PathExpression.Compile("$.a["), Throws.InstanceOf<FormatException>().With.Message.Contains("at character 5"));

    private static JsonValue Select(string path, IEvaluationScope scope) =>
        PathExpression.Compile(path).TrySelect(scope, out var value) ? value : throw new AssertionException($"{path} found nothing");
}
