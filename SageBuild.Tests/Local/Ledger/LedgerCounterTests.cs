using System.Collections.Concurrent;
using SageBuild.Local.Ledger;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Local.Ledger;

public sealed class LedgerCounterTests
{
    private const string Increment = """
        {"TableName": "sagebuild-builds", "Key": {"pk": {"S": "build-counter"}},
         "UpdateExpression": "ADD #counter :one", "ExpressionAttributeNames": {"#counter": "counter"},
         "ExpressionAttributeValues": {":one": {"N": "1"}}, "ReturnValues": "UPDATED_NEW"}
        """;

    [Test]
    public async Task The_pipelines_build_number_request_returns_the_new_number_in_the_shape_Step_Functions_gives()
    {
        using var ledger = new LedgerTestTable();

        var first = await ledger.InvokeAsync("updateItem", Increment);
        var second = await ledger.InvokeAsync("updateItem", Increment);

        Assert.That(first.Failed, Is.False, first.Cause);
        var result = (JsonObject)second.Result!;
        Assert.That(result["Attributes"], Is.EqualTo(JsonValue.Parse("""{"counter": {"N": "2"}}""")));
        Assert.That(((JsonObject)result["SdkHttpMetadata"])["HttpStatusCode"], Is.EqualTo((JsonValue)200));
        Assert.That(((JsonObject)result["SdkResponseMetadata"])["RequestId"], Is.InstanceOf<JsonString>());
    }

    [Test]
    public void Concurrent_increments_from_several_stores_on_one_file_hand_out_every_number_exactly_once()
    {
        using var ledger = new LedgerTestTable();
        // Four stores on one file stand for four processes: only SQLite's lock stands between their writers.
        var stores = Enumerable.Range(0, 4).Select(_ => new LedgerStore(ledger.Options)).ToArray();
        var numbers = new ConcurrentBag<int>();
        const int perStore = 50;

        Parallel.For(0, stores.Length * perStore, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var response = stores[i % stores.Length].UpdateItem((JsonObject)JsonValue.Parse(Increment));
            var counter = (JsonObject)((JsonObject)response["Attributes"])["counter"];
            numbers.Add(int.Parse(((JsonString)counter["N"]).Value, CultureInfo.InvariantCulture));
        });

        Assert.That(numbers.Order(), Is.EqualTo(Enumerable.Range(1, stores.Length * perStore)), "no duplicates and no gaps");
        Assert.That(ledger.Get("build-counter"), Is.EqualTo(JsonValue.Parse($$$"""{"pk": {"S": "build-counter"}, "counter": {"N": "{{{stores.Length * perStore}}}"}}""")));
    }

    [Test]
    public void A_failed_build_does_not_give_its_number_back()
    {
        using var ledger = new LedgerTestTable();
        ledger.Update(Increment);
        ledger.Put("""{"pk": {"S": "build#1"}, "status": {"S": "FAILED"}}""");

        var next = ledger.Update(Increment);

        Assert.That(next["Attributes"], Is.EqualTo(JsonValue.Parse("""{"counter": {"N": "2"}}""")));
    }

    [Test]
    public void Items_survive_reopening_the_store()
    {
        using var ledger = new LedgerTestTable();
        ledger.Put("""{"pk": {"S": "build#7"}, "metrics": {"M": {"auc": {"N": "0.91"}}}}""");

        var reopened = new LedgerStore(ledger.Options);
        var item = reopened.GetItem((JsonObject)JsonValue.Parse("""{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "build#7"}}}"""));

        Assert.That(item["Item"], Is.EqualTo(JsonValue.Parse("""{"pk": {"S": "build#7"}, "metrics": {"M": {"auc": {"N": "0.91"}}}}""")));
    }
}
