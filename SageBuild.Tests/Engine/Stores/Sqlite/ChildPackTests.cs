using Microsoft.Data.Sqlite;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Service;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;
using DescribeExecutionInput = SageBuild.Engine.Api.Model.DescribeExecutionInput;
using ListExecutionsInput = SageBuild.Engine.Api.Model.ListExecutionsInput;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// A distributed Map's children that end in the batch that created them are packed many to a row (format 5), and are
/// still every bit an execution of their own: listed by their Map Run, described, their history read, their ARN kept
/// unique, after a restart as before it.
/// </summary>
public sealed class ChildPackTests
{
    private const int Items = 150;

    private const string Definition = """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Shape","States":{
            "Shape":{"Type":"Pass","Parameters":{"item.$":"$","child.$":"$$.Execution.Name"},"End":true}}}}}}
        """;

    [Test]
    public async Task Packs_ended_children_and_reads_each_back_by_its_arn_after_a_restart()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        string arn;
        JsonValue output;
        await using (var first = new EngineBuilder().UseSqlite(database).Build())
        {
            var machine = first.CreateStateMachine("Packer", AslJson.Parse(Definition));
            var input = JsonObject.Create(("items", JsonArray.Wrap([.. Enumerable.Range(0, Items).Select(i => (JsonValue)JsonNumber.From(i))])));
            var result = await first.ExecuteAsync(machine.StateMachineArn, input);
            Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
            (arn, output) = (result.ExecutionArn, result.Output!);
        }

        // A child whose creation and end fell into two batches of the writer keeps a row of its own: a few at most.
        Assert.That(Count(database, "SELECT count(*) FROM executions"), Is.InRange(1, 10), "the parent, and hardly a child, have rows of their own");
        Assert.That(Count(database, "SELECT count(*) FROM child_packs"), Is.InRange(3, 10), "150 children in buckets of 64");

        await using var second = new EngineBuilder().UseSqlite(database).Build();
        var service = new EngineStepFunctionsService(second);
        var mapRunArn = ((MapRunStartedEventDetails)(await second.GetExecutionHistoryAsync(arn)).Single(e => e.Type == HistoryEventType.MapRunStarted).Details!).MapRunArn;
        var listed = (await service.ListExecutionsAsync(new ListExecutionsInput { MapRunArn = mapRunArn, MaxResults = 1000 })).Executions!;
        Assert.That(listed, Has.Count.EqualTo(Items));
        Assert.That(listed.Select(c => c.Status!.Value), Is.All.EqualTo("SUCCEEDED"));

        var outputs = ((JsonArray)output).ToDictionary(o => ((JsonString)((JsonObject)o)["child"]!).Value, o => o);
        Assert.That(listed.Select(c => c.Name), Is.EquivalentTo(outputs.Keys), "each listed child is one that ran an item");
        foreach (var child in listed)
        {
            var described = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = child.ExecutionArn });
            Assert.That(JsonValue.Parse(described.Output!), Is.EqualTo(outputs[child.Name!]), $"{child.Name}: its output is the item's");
            Assert.That(JsonValue.Parse(described.Input!), Is.EqualTo(((JsonObject)outputs[child.Name!])["item"]));
            Assert.That(described.StateMachineArn, Is.EqualTo(child.StateMachineArn));
            var history = await second.GetExecutionHistoryAsync(child.ExecutionArn!);
            Assert.That(EngineHarness.Types(history), Is.EqualTo("ExecutionStarted,PassStateEntered,PassStateExited,ExecutionSucceeded"));
            Assert.That(history.Select(e => e.Id), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
        }
    }

    [Test]
    public async Task Refuses_a_new_execution_under_a_packed_childs_arn_after_a_restart()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        ExecutionRecord child;
        await using (var engine = new EngineBuilder().UseSqlite(database).Build())
        {
            var machine = engine.CreateStateMachine("Packer", AslJson.Parse(Definition));
            var result = await engine.ExecuteAsync(machine.StateMachineArn, JsonValue.Parse("""{"items":[1,2,3,4,5,6,7,8,9,10]}"""));
            var mapRunArn = ((MapRunStartedEventDetails)(await engine.GetExecutionHistoryAsync(result.ExecutionArn)).Single(e => e.Type == HistoryEventType.MapRunStarted).Details!).MapRunArn;
            var children = await engine.ListMapRunExecutionsAsync(mapRunArn);
            // One that is packed: not among the rows of executions (a child split over two batches has a row).
            child = children!.First(c => Count(database, $"SELECT count(*) FROM executions WHERE name = '{c.Name}'") == 0);
        }

        await using var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = database });
        Assert.That((await store.GetExecutionAsync(child.ExecutionArn, CancellationToken.None))?.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        var again = child with { Status = ExecutionStatus.RUNNING, StopDate = null, Output = null };
        Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateExecutionAsync(again, CancellationToken.None));
        var unknown = child.ExecutionArn[..^1] + (child.ExecutionArn[^1] == '0' ? '1' : '0');
        Assert.That(await store.GetExecutionAsync(unknown, CancellationToken.None), Is.Null, "a name one digit off is no child");
    }

    private static long Count(string database, string query)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        return (long)command.ExecuteScalar()!;
    }
}
