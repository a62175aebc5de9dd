namespace SageBuild.Local.Ledger;

/// <summary>One table of the local DynamoDB-compatible store and its key schema.</summary>
public sealed record LedgerTableOptions
{
    /// <summary>The table's name, as the definition's <c>TableName</c> gives it.</summary>
    public required string TableName { get; init; }

    /// <summary>The partition (hash) key attribute's name.</summary>
    public required string PartitionKey { get; init; }

    /// <summary>The partition key's type: <c>S</c>, <c>N</c> or <c>B</c>. <value>Default: <c>S</c>.</value></summary>
    public string PartitionKeyType { get; init; } = "S";

    /// <summary>The sort (range) key attribute's name, or null for a table with a partition key only. <value>Default: null.</value></summary>
    public string? SortKey { get; init; }

    /// <summary>The sort key's type: <c>S</c>, <c>N</c> or <c>B</c>. <value>Default: <c>S</c>.</value></summary>
    public string SortKeyType { get; init; } = "S";
}
