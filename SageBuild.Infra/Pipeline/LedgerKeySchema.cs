namespace SageBuild.Infra.Pipeline;

/// <summary>The build ledger table's key schema, as the pipeline reads and writes it.</summary>
/// <param name="PartitionKey">The partition key attribute.</param>
/// <param name="PartitionKeyType">S, N or B.</param>
/// <param name="SortKey">The sort key attribute, if any.</param>
/// <param name="SortKeyType">S, N or B, when there is a sort key.</param>
public sealed record LedgerKeySchema(string PartitionKey, string PartitionKeyType = "S", string? SortKey = null, string? SortKeyType = null);
