using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Brings a database of an earlier format up to the current one (6), in the transaction that opens it: either all of
/// it is converted or, on any failure, nothing is changed. First the earlier tables are set aside, so that the schema
/// creates the current ones; then their rows are copied in and the earlier tables dropped.
/// </summary>
/// <remarks>
/// Format 2 keyed executions and history rows by execution ARN, each row holding its definition's text. Format 3
/// numbered executions in start order, keyed history rows by that number and kept each definition once, but indexed
/// the ARNs themselves (UNIQUE). Format 4 indexes 64-bit keys of the ARNs instead (<see cref="ExecutionArnKey"/>).
/// Format 5 adds the packed children of distributed Maps (a table, created when missing). Format 6 keys an ARN whose
/// name is a time-ordered UUID by its time: executions of formats 4 and 5 so named are keyed again.
/// Packed history blobs are copied as they are: the store reads every blob format it ever wrote.
/// </remarks>
internal static class SchemaMigration
{
    /// <summary>Sets aside the tables of an earlier format, and returns that format (0 for a new or current database).</summary>
    public static int SetAsideEarlierTables(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (HasColumn(connection, transaction, "history_steps", "execution_arn"))
        {
            SqliteDatabase.Execute(connection, """
                ALTER TABLE executions RENAME TO executions_format2;
                ALTER TABLE history_steps RENAME TO history_steps_format2;
                DROP INDEX IF EXISTS executions_by_machine;
                """, transaction);
            return 2;
        }

        if (HasColumn(connection, transaction, "executions", "execution_arn") && !HasColumn(connection, transaction, "executions", "arn_key"))
        {
            SqliteDatabase.Execute(connection, """
                ALTER TABLE executions RENAME TO executions_format3;
                DROP INDEX IF EXISTS executions_by_machine;
                """, transaction);
            return 3;
        }

        return 0;
    }

    /// <summary>Once the current tables exist: copies the rows of the tables set aside, then drops those.</summary>
    public static void CopyEarlierTables(SqliteConnection connection, SqliteTransaction transaction, int format)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (format == 0)
            return;
        AddArnKeyFunction(connection);
        if (format == 3)
        {
            SqliteDatabase.Execute(connection, """
                INSERT INTO executions (id, arn_key, execution_arn, state_machine_arn, name, definition_hash, status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed, first_steps)
                    SELECT id, sagebuild_arn_key(execution_arn), execution_arn, state_machine_arn, name, definition_hash, status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed, first_steps
                    FROM executions_format3;
                DROP TABLE executions_format3;
                """, transaction);
            return;
        }

        connection.CreateFunction("sagebuild_definition_hash", (string text) => DefinitionHashes.Of(text), isDeterministic: true);
        SqliteDatabase.Execute(connection, """
            INSERT OR IGNORE INTO definitions (hash, text) SELECT sagebuild_definition_hash(definition), definition FROM executions_format2;
            INSERT INTO executions (id, arn_key, execution_arn, state_machine_arn, name, definition_hash, status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed)
                SELECT row_number() OVER (ORDER BY start_date, execution_arn), sagebuild_arn_key(execution_arn), execution_arn, state_machine_arn, name, sagebuild_definition_hash(definition), status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed
                FROM executions_format2;
            INSERT INTO history_steps (execution_id, first_event_id, events)
                SELECT e.id, h.first_event_id, h.events FROM history_steps_format2 h JOIN executions e ON e.arn_key = sagebuild_arn_key(h.execution_arn) AND e.execution_arn = h.execution_arn;
            DROP TABLE history_steps_format2;
            DROP TABLE executions_format2;
            """, transaction);
    }

    /// <summary>The database's format number (<c>PRAGMA user_version</c>; 0 for a new database).</summary>
    public static long UserVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "PRAGMA user_version";
        return Convert.ToInt64(read.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Formats 4 and 5 keyed every ARN by its hash; format 6 keys one whose name is a time-ordered UUID by its time
    /// (<see cref="ExecutionArnKey"/>). Rows whose key changed are written again; the others are only read.
    /// </summary>
    public static void RekeyTimeOrderedNames(SqliteConnection connection, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        AddArnKeyFunction(connection);
        SqliteDatabase.Execute(connection, "UPDATE executions SET arn_key = sagebuild_arn_key(execution_arn) WHERE arn_key != sagebuild_arn_key(execution_arn);", transaction);
    }

    // sagebuild_arn_key(arn) in this connection's SQL: the key the store finds the ARN by.
    private static void AddArnKeyFunction(SqliteConnection connection) =>
        connection.CreateFunction("sagebuild_arn_key", (string arn) => ExecutionArnKey.Of(arn), isDeterministic: true);

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction transaction, string table, string column)
    {
        using var probe = connection.CreateCommand();
        probe.Transaction = transaction;
        probe.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column";
        probe.Parameters.AddWithValue("$table", table);
        probe.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
