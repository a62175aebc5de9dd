using Microsoft.Data.Sqlite;
using SageBuild.Local.Ledger.Expressions;
using SageBuild.Local.Sqlite;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Ledger;

/// <summary>
/// A local, durable item store that answers DynamoDB's PutItem, GetItem and UpdateItem with DynamoDB's request and
/// response shapes (DynamoDB JSON attribute values), for the build ledger and the build-number counter.
/// </summary>
/// <remarks>
/// <para>
/// Each write reads the item, checks the ConditionExpression, applies the update and writes the result in one
/// <c>BEGIN IMMEDIATE</c> SQLite transaction, so writes to one database are serialised across threads and processes:
/// <c>UpdateItem ADD counter :one</c> with <c>ReturnValues UPDATED_NEW</c> hands out every number exactly once.
/// </para>
/// <para>
/// The subset, implemented precisely: attribute values S, N, B, BOOL, NULL, M, L, SS, NS, BS; ConditionExpression with
/// = &lt;&gt; &lt; &lt;= &gt; &gt;=, BETWEEN, IN, AND, OR, NOT, parentheses, attribute_exists, attribute_not_exists,
/// attribute_type, begins_with, contains and size; UpdateExpression with SET (+, -, if_not_exists, list_append), REMOVE,
/// ADD (numbers and sets) and DELETE (sets); ProjectionExpression on GetItem; ExpressionAttributeNames and Values, with
/// DynamoDB's checks for undefined and unused placeholders; ReturnValues NONE, ALL_OLD (PutItem) and NONE, ALL_OLD,
/// UPDATED_OLD, ALL_NEW, UPDATED_NEW (UpdateItem). Not supported: the legacy Expected/AttributeUpdates/AttributesToGet
/// parameters, DynamoDB's reserved-word check (a bare reserved word such as <c>status</c> is accepted here and refused
/// by AWS: use <c>#placeholders</c>), 38-digit numbers (28 digits here), and item size limits.
/// </para>
/// </remarks>
public sealed class LedgerStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS ledger_items (
            table_name TEXT NOT NULL,
            partition_key TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            item TEXT NOT NULL,
            PRIMARY KEY (table_name, partition_key, sort_key)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly Dictionary<string, LedgerTableOptions> _tables;

    // One writer at a time within this process; SQLite's lock does the same across processes.
    private readonly Lock _writeGate = new();

    /// <summary>Opens (creating when needed) the store described by <paramref name="options"/>.</summary>
    public LedgerStore(LedgerStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _tables = options.Tables.ToDictionary(t => t.TableName, StringComparer.Ordinal);
        _connectionString = LocalSqlite.ConnectionString(options.DatabasePath);
        LocalSqlite.Initialize(_connectionString, options.DatabasePath, Schema);
    }

    /// <summary>PutItem: TableName, Item, ConditionExpression, ExpressionAttributeNames/Values, ReturnValues (NONE or ALL_OLD).</summary>
    public JsonObject PutItem(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = Table(request);
        var item = ReadItem(request, "Item");
        var key = KeyOf(table, item, isWholeItem: true);
        var returnValues = ReturnValues(request, "NONE", "ALL_OLD");
        var attributes = new ExpressionAttributes(request);
        var condition = OptionalString(request, "ConditionExpression") is { } c ? ExpressionParser.ParseCondition(c, attributes) : null;
        CheckPlaceholders(attributes, condition is not null);

        var old = Write(table, key, existing =>
        {
            CheckCondition(condition, existing);
            return item;
        });
        return returnValues == "ALL_OLD" && old is not null ? JsonObject.Create(("Attributes", ToItemJson(old))) : JsonObject.Empty;
    }

    /// <summary>GetItem: TableName, Key, ProjectionExpression, ExpressionAttributeNames; ConsistentRead is accepted (every read is consistent here).</summary>
    public JsonObject GetItem(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = Table(request);
        var key = KeyOf(table, ReadItem(request, "Key"), isWholeItem: false);
        var attributes = new ExpressionAttributes(request);
        var projection = OptionalString(request, "ProjectionExpression") is { } p ? ExpressionParser.ParseProjection(p, attributes) : null;
        CheckPlaceholders(attributes, projection is not null);

        using var connection = LocalSqlite.Open(_connectionString);
        var item = Read(connection, null, table, key);
        if (item is null)
            return JsonObject.Empty;
        if (projection is not null)
            item = DocumentPaths.Project(item, projection);
        return JsonObject.Create(("Item", ToItemJson(item)));
    }

    /// <summary>
    /// UpdateItem: TableName, Key, UpdateExpression, ConditionExpression, ExpressionAttributeNames/Values, ReturnValues.
    /// An absent item is created from its key, as DynamoDB does.
    /// </summary>
    public JsonObject UpdateItem(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = Table(request);
        var keyItem = ReadItem(request, "Key");
        var key = KeyOf(table, keyItem, isWholeItem: false);
        var returnValues = ReturnValues(request, "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
        var attributes = new ExpressionAttributes(request);
        var update = OptionalString(request, "UpdateExpression") is { } u ? ExpressionParser.ParseUpdate(u, attributes) : new UpdatePlan([]);
        var condition = OptionalString(request, "ConditionExpression") is { } c ? ExpressionParser.ParseCondition(c, attributes) : null;
        CheckPlaceholders(attributes, update.Actions.Count > 0 || condition is not null);
        foreach (var target in update.Targets)
        {
            if (target.TopLevelName == table.PartitionKey || target.TopLevelName == table.SortKey)
                throw DynamoDbException.Invalid($"One or more parameter values were invalid: Cannot update attribute {target.TopLevelName}. This attribute is part of the key");
        }

        AttributeValue? updated = null;
        var old = Write(table, key, existing =>
        {
            CheckCondition(condition, existing);
            updated = update.Apply(existing ?? keyItem, existing);
            return updated;
        });

        var result = returnValues switch
        {
            "ALL_OLD" => old,
            "ALL_NEW" => updated,
            "UPDATED_OLD" => old is null ? null : DocumentPaths.Project(old, update.Targets),
            "UPDATED_NEW" => DocumentPaths.Project(updated!, update.Targets),
            _ => null,
        };
        return result is { Map.Count: > 0 } ? JsonObject.Create(("Attributes", ToItemJson(result))) : JsonObject.Empty;
    }

    private AttributeValue? Write(LedgerTableOptions table, (string Partition, string Sort) key, Func<AttributeValue?, AttributeValue> change)
    {
        lock (_writeGate)
        {
            using var connection = LocalSqlite.Open(_connectionString);
            using var transaction = connection.BeginTransaction(deferred: false);
            var existing = Read(connection, transaction, table, key);
            var item = change(existing);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO ledger_items (table_name, partition_key, sort_key, item) VALUES ($table, $pk, $sk, $item)
                ON CONFLICT (table_name, partition_key, sort_key) DO UPDATE SET item = excluded.item
                """;
            command.Parameters.AddWithValue("$table", table.TableName);
            command.Parameters.AddWithValue("$pk", key.Partition);
            command.Parameters.AddWithValue("$sk", key.Sort);
            command.Parameters.AddWithValue("$item", ToItemJson(item).ToJson());
            command.ExecuteNonQuery();
            transaction.Commit();
            return existing;
        }
    }

    private static AttributeValue? Read(SqliteConnection connection, SqliteTransaction? transaction, LedgerTableOptions table, (string Partition, string Sort) key)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT item FROM ledger_items WHERE table_name = $table AND partition_key = $pk AND sort_key = $sk";
        command.Parameters.AddWithValue("$table", table.TableName);
        command.Parameters.AddWithValue("$pk", key.Partition);
        command.Parameters.AddWithValue("$sk", key.Sort);
        return command.ExecuteScalar() is string json ? FromItemJson((JsonObject)JsonValue.Parse(json), "stored item") : null;
    }

    private static void CheckCondition(ConditionNode? condition, AttributeValue? existing)
    {
        if (condition is not null && !condition.Evaluate(existing))
            throw new DynamoDbException(DynamoDbException.ConditionalCheckFailed, "The conditional request failed");
    }

    private static void CheckPlaceholders(ExpressionAttributes attributes, bool hasExpression)
    {
        if (!hasExpression && !attributes.IsEmpty)
            throw DynamoDbException.Invalid("ExpressionAttributeNames and ExpressionAttributeValues can only be specified when using expressions");
        attributes.CheckAllUsed();
    }

    private LedgerTableOptions Table(JsonObject request)
    {
        if (!request.TryGetValue("TableName", out var name) || name is not JsonString { Value.Length: > 0 } tableName)
            throw DynamoDbException.Invalid("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
        return _tables.TryGetValue(tableName.Value, out var table)
            ? table
            : throw new DynamoDbException(DynamoDbException.ResourceNotFound, $"Requested resource not found: Table: {tableName.Value} not found");
    }

    private static AttributeValue ReadItem(JsonObject request, string field)
    {
        if (!request.TryGetValue(field, out var value) || value is not JsonObject map)
            throw DynamoDbException.Invalid($"1 validation error detected: Value null at '{char.ToLowerInvariant(field[0])}{field[1..]}' failed to satisfy constraint: Member must not be null");
        return FromItemJson(map, field);
    }

    private static AttributeValue FromItemJson(JsonObject map, string where) =>
        AttributeValue.FromMap(map.Select(p => new KeyValuePair<string, AttributeValue>(p.Key, AttributeValue.FromJson(p.Value, $"{where}.{p.Key}"))));

    private static JsonObject ToItemJson(AttributeValue item) =>
        JsonObject.Create(item.Map.Select(p => new KeyValuePair<string, JsonValue>(p.Key, p.Value.ToJson())));

    private static (string Partition, string Sort) KeyOf(LedgerTableOptions table, AttributeValue item, bool isWholeItem)
    {
        var keyCount = table.SortKey is null ? 1 : 2;
        if (!isWholeItem && item.Map.Count != keyCount)
            throw DynamoDbException.Invalid("The provided key element does not match the schema");
        var partition = KeyPart(item, table.PartitionKey, table.PartitionKeyType, isWholeItem);
        var sort = table.SortKey is null ? "" : KeyPart(item, table.SortKey, table.SortKeyType, isWholeItem);
        return (partition, sort);
    }

    private static string KeyPart(AttributeValue item, string name, string type, bool isWholeItem)
    {
        var value = item.Get(name);
        if (value is null)
        {
            throw DynamoDbException.Invalid(isWholeItem
                ? $"One or more parameter values were invalid: Missing the key {name} in the item"
                : "The provided key element does not match the schema");
        }

        if (value.Kind.ToString() != type)
        {
            throw DynamoDbException.Invalid(isWholeItem
                ? $"One or more parameter values were invalid: Type mismatch for key {name} expected: {type} actual: {value.Kind}"
                : "The provided key element does not match the schema");
        }

        if (value.Text.Length == 0)
            throw DynamoDbException.Invalid($"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: {name}");
        return type + ":" + value.Text;
    }

    private static string ReturnValues(JsonObject request, params string[] allowed)
    {
        if (!request.TryGetValue("ReturnValues", out var value) || value.IsNull)
            return "NONE";
        var text = (value as JsonString)?.Value ?? value.ToJson();
        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            throw DynamoDbException.Invalid(allowed.Length == 2
                ? "ReturnValues can only be ALL_OLD or NONE"
                : $"1 validation error detected: Value '{text}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }

        return text;
    }

    private static string? OptionalString(JsonObject request, string field) =>
        request.TryGetValue(field, out var value) && !value.IsNull
            ? (value as JsonString)?.Value ?? throw DynamoDbException.Invalid($"{field} must be a string")
            : null;
}
