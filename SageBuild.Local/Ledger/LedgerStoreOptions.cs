namespace SageBuild.Local.Ledger;

/// <summary>Where the local DynamoDB-compatible store keeps its items, and which tables it has.</summary>
public sealed record LedgerStoreOptions
{
    /// <summary>The SQLite file; created with its folder when missing.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>The tables and their key schemas. A request for any other table fails with DynamoDB.ResourceNotFoundException.</summary>
    public IReadOnlyList<LedgerTableOptions> Tables { get; init; } = [];

    /// <summary>Every problem with these options, each naming the key at fault; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DatabasePath))
            errors.Add($"{nameof(LedgerStoreOptions)}.{nameof(DatabasePath)} is required");
        for (var i = 0; i < Tables.Count; i++)
        {
            var table = Tables[i];
            var where = $"{nameof(LedgerStoreOptions)}.{nameof(Tables)}[{i}]";
            if (string.IsNullOrWhiteSpace(table.TableName))
                errors.Add($"{where}.{nameof(LedgerTableOptions.TableName)} is required");
            if (string.IsNullOrWhiteSpace(table.PartitionKey))
                errors.Add($"{where}.{nameof(LedgerTableOptions.PartitionKey)} is required");
            if (table.PartitionKeyType is not ("S" or "N" or "B"))
                errors.Add($"{where}.{nameof(LedgerTableOptions.PartitionKeyType)} is '{table.PartitionKeyType}', not S, N or B");
            if (table.SortKey is not null && table.SortKeyType is not ("S" or "N" or "B"))
                errors.Add($"{where}.{nameof(LedgerTableOptions.SortKeyType)} is '{table.SortKeyType}', not S, N or B");
            if (Tables.Take(i).Any(t => string.Equals(t.TableName, table.TableName, StringComparison.Ordinal)))
                errors.Add($"{where}.{nameof(LedgerTableOptions.TableName)} '{table.TableName}' is given twice");
        }

        return errors;
    }
}
