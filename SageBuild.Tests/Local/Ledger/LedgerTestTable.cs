using SageBuild.Engine.Integrations;
using SageBuild.Local.Ledger;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Tests.Local.Ledger;

/// <summary>A ledger store in a fresh temp folder, with the builds table the pipeline uses.</summary>
internal sealed class LedgerTestTable : IDisposable
{
    public const string Table = "sagebuild-builds";

    public LedgerTestTable()
    {
        Folder = Directory.CreateTempSubdirectory("sagebuild-ledger-").FullName;
        Options = new LedgerStoreOptions
        {
            DatabasePath = Path.Combine(Folder, "ledger.db"),
            Tables = [new LedgerTableOptions { TableName = Table, PartitionKey = "pk" }, new LedgerTableOptions { TableName = "events", PartitionKey = "build", PartitionKeyType = "N", SortKey = "at" }],
        };
        Store = new LedgerStore(Options);
        Integration = new DynamoDbIntegration(Store);
    }

    public string Folder { get; }

    public LedgerStoreOptions Options { get; }

    public LedgerStore Store { get; }

    public DynamoDbIntegration Integration { get; }

    public async Task<IntegrationOutcome> InvokeAsync(string action, string parametersJson) =>
        await Integration.InvokeAsync(new IntegrationRequest(
            $"arn:aws:states:::dynamodb:{action}",
            new ResourceTarget("dynamodb", action, IntegrationPattern.RequestResponse),
            JsonValue.Parse(parametersJson),
            new TaskCallContext("arn:aws:states:us-east-1:000000000000:execution:pipeline:run-1", "Ledger", 0, null, null)), CancellationToken.None);

    public JsonObject Put(string itemJson) => Store.PutItem((JsonObject)JsonValue.Parse("{\"TableName\": \"" + Table + "\", \"Item\": " + itemJson + "}"));

    public JsonObject Update(string requestJson) => Store.UpdateItem((JsonObject)JsonValue.Parse(requestJson));

    public JsonValue? Get(string pk)
    {
        var response = Store.GetItem((JsonObject)JsonValue.Parse("{\"TableName\": \"" + Table + "\", \"Key\": {\"pk\": {\"S\": \"" + pk + "\"}}}"));
        return response.TryGetValue("Item", out var item) ? item : null;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
