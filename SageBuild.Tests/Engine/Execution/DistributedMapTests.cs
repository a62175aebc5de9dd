using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Execution;

/// <summary>A distributed Map's ItemReader and ResultWriter (through the integration registry) and its child executions.</summary>
public sealed class DistributedMapTests
{
    private const string Processor = """ "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}} """;

    [Test]
    public async Task Reads_the_items_of_a_JSON_array_in_S3_and_stops_at_MaxItems()
    {
        var s3 = new FakeS3Integration();
        s3.Objects[("data", "items.json")] = """[{"id":1},{"id":2},{"id":3},{"id":4}]""";
        var (result, _) = await RunAsync(Reader("""{"InputType":"JSON","MaxItems":3}""", """{"Bucket":"data","Key.$":"$.key"}"""), s3, """{"key":"items.json"}""");
        Assert.That(result.Output!.ToJson(), Is.EqualTo("""[{"id":1},{"id":2},{"id":3}]"""));
    }

    [Test]
    public async Task Reads_JSON_lines_one_item_a_line()
    {
        var s3 = new FakeS3Integration();
        s3.Objects[("data", "items.jsonl")] = "{\"a\":1}\n\n\"two\"\n3\n";
        var (result, _) = await RunAsync(Reader("""{"InputType":"JSONL"}""", """{"Bucket":"data","Key":"items.jsonl"}"""), s3);
        Assert.That(result.Output!.ToJson(), Is.EqualTo("""[{"a":1},"two",3]"""));
    }

    [Test]
    public async Task Reads_CSV_rows_as_objects_of_strings_with_the_headers_of_the_first_row()
    {
        var s3 = new FakeS3Integration();
        s3.Objects[("data", "rows.csv")] = "name,price\r\nlamp,12\n\"desk, oak\",\"1\"\"5\"\n";
        var (result, _) = await RunAsync(Reader("""{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"}""", """{"Bucket":"data","Key":"rows.csv"}"""), s3);
        Assert.That(result.Output!.ToJson(), Is.EqualTo("""[{"name":"lamp","price":"12"},{"name":"desk, oak","price":"1\"5"}]"""));
    }

    [Test]
    public async Task Reads_CSV_rows_with_given_headers_and_another_delimiter()
    {
        var s3 = new FakeS3Integration();
        s3.Objects[("data", "rows.csv")] = "lamp|12\ndesk|15";
        var (result, _) = await RunAsync(Reader("""{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["name","price"],"CSVDelimiter":"PIPE"}""", """{"Bucket":"data","Key":"rows.csv"}"""), s3);
        Assert.That(result.Output!.ToJson(), Is.EqualTo("""[{"name":"lamp","price":"12"},{"name":"desk","price":"15"}]"""));
    }

    [Test]
    public async Task Lists_objects_across_every_page_of_listObjectsV2()
    {
        var s3 = new FakeS3Integration { PageSize = 2 };
        foreach (var key in new[] { "in/a", "in/b", "in/c", "in/d", "in/e", "out/x" })
            s3.Objects[("data", key)] = "x";
        var (result, _) = await RunAsync(
            """ "ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"data","Prefix":"in/"}},"ItemSelector":{"key.$":"$$.Map.Item.Value.Key"}, """, s3);
        Assert.Multiple(() =>
        {
            Assert.That(result.Output!.ToJson(), Is.EqualTo("""[{"key":"in/a"},{"key":"in/b"},{"key":"in/c"},{"key":"in/d"},{"key":"in/e"}]"""));
            Assert.That(s3.ListCalls, Is.EqualTo(3), "three pages of two keys");
        });
    }

    [Test]
    public async Task Reads_the_CSV_files_an_S3_Inventory_manifest_names()
    {
        var s3 = new FakeS3Integration();
        s3.Objects[("inventory", "manifest.json")] = """{"sourceBucket":"data","destinationBucket":"inventory","fileFormat":"CSV","fileSchema":"Bucket, Key, Size","files":[{"key":"part-1.csv"},{"key":"part-2.csv"}]}""";
        s3.Objects[("inventory", "part-1.csv")] = "data,a.txt,10\n";
        s3.Objects[("inventory", "part-2.csv")] = "data,b.txt,20\n";
        var (result, _) = await RunAsync(Reader("""{"InputType":"MANIFEST"}""", """{"Bucket":"inventory","Key":"manifest.json"}"""), s3);
        Assert.That(result.Output!.ToJson(), Is.EqualTo("""[{"Bucket":"data","Key":"a.txt","Size":"10"},{"Bucket":"data","Key":"b.txt","Size":"20"}]"""));
    }

    [TestCase("missing.json", "S3.NoSuchKey")]
    [TestCase("object.json", "not a JSON array")]
    public async Task A_source_that_cannot_be_read_fails_the_Map_with_States_ItemReaderFailed(string key, string cause)
    {
        var s3 = new FakeS3Integration();
        s3.Objects[("data", "object.json")] = """{"not":"an array"}""";
        var (result, _) = await RunAsync(Reader("""{"InputType":"JSON"}""", $$"""{"Bucket":"data","Key":"{{key}}"}"""), s3);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ExecutionStatus.FAILED));
            Assert.That(result.Error, Is.EqualTo("States.ItemReaderFailed"));
            Assert.That(result.Cause, Does.Contain(cause));
        });
    }

    [Test]
    public async Task Writes_the_results_and_a_manifest_with_ResultWriter_and_returns_where_they_are()
    {
        var s3 = new FakeS3Integration();
        var (result, _) = await RunAsync(""" "ItemsPath":"$.items","ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"runs"}}, """, s3, """{"items":[1,2]}""");
        var output = (JsonObject)result.Output!;
        var details = (JsonObject)output["ResultWriterDetails"];
        var manifestKey = ((JsonString)details["Key"]).Value;
        var manifest = (JsonObject)JsonValue.Parse(s3.Objects[("results", manifestKey)]);
        var succeeded = (JsonArray)((JsonObject)manifest["ResultFiles"])["SUCCEEDED"];
        var file = (JsonArray)JsonValue.Parse(s3.Objects[("results", ((JsonString)((JsonObject)succeeded[0])["Key"]).Value)]);
        Assert.Multiple(() =>
        {
            Assert.That(((JsonString)output["MapRunArn"]).Value, Does.Contain(":mapRun:"));
            Assert.That(manifestKey, Does.StartWith("runs/").And.EndWith("/manifest.json"));
            Assert.That(((JsonString)manifest["DestinationBucket"]).Value, Is.EqualTo("results"));
            Assert.That(((JsonArray)((JsonObject)manifest["ResultFiles"])["FAILED"]).Count, Is.Zero);
            Assert.That(file.Select(r => ((JsonString)((JsonObject)r)["Output"]).Value), Is.EqualTo(new[] { "1", "2" }));
            Assert.That(file.Select(r => ((JsonString)((JsonObject)r)["Status"]).Value), Is.All.EqualTo("SUCCEEDED"));
        });
    }

    [Test]
    public async Task A_write_that_fails_fails_the_Map_with_States_ResultWriterFailed()
    {
        var (result, history) = await RunAsync(""" "ItemsPath":"$.items","ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results"}}, """, null, """{"items":[1]}""");
        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo("States.ResultWriterFailed"));
            Assert.That(history.Select(e => e.Type), Does.Contain(HistoryEventType.MapRunFailed));
        });
    }

    [Test]
    public async Task Each_item_runs_as_a_child_execution_with_its_own_stored_history_and_context()
    {
        var s3 = new FakeS3Integration();
        await using var engine = new EngineBuilder { Options = new EngineOptions { DefaultClock = ExecutionClock.Virtual } }.AddIntegration(s3).Build();
        var definition = AslJson.Parse("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","Label":"Scoring",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Pass","Parameters":{"me.$":"$$.Execution.Id","item.$":"$"},"End":true}}},"End":true}}}
            """);
        var result = await engine.ExecuteAsync(definition, JsonValue.Parse("""{"items":["a","b"]}"""), stateMachineName: "Scorer");
        var children = (await engine.ListExecutionsAsync()).Where(e => e.ExecutionArn.Contains(":execution:Scorer/Scoring:", StringComparison.Ordinal)).ToList();
        var outputs = (JsonArray)result.Output!;
        Assert.That(children, Has.Count.EqualTo(2));
        var history = await engine.GetExecutionHistoryAsync(children[0].ExecutionArn);
        Assert.Multiple(() =>
        {
            Assert.That(children.Select(c => c.Status), Is.All.EqualTo(ExecutionStatus.SUCCEEDED));
            Assert.That(outputs.Select(o => ((JsonString)((JsonObject)o)["me"]).Value), Is.EquivalentTo(children.Select(c => c.ExecutionArn)));
            Assert.That(EngineHarness.Types(history), Is.EqualTo("ExecutionStarted,PassStateEntered,PassStateExited,ExecutionSucceeded"));
            Assert.That(history.Select(e => e.Id), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
        });
    }

    private static string Reader(string config, string parameters) =>
        """ "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":""" + config + ""","Parameters":""" + parameters + "},";

    private static Task<(ExecutionRecord Result, IReadOnlyList<HistoryEvent> History)> RunAsync(string mapFields, FakeS3Integration? s3, string input = "{}") =>
        EngineHarness.RunAsync("""{"StartAt":"M","States":{"M":{"Type":"Map",""" + mapFields + Processor + ""","End":true}}}""", input, builder =>
        {
            if (s3 is not null)
                builder.AddIntegration(s3);
        });
}
