using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Brings a database of an earlier format up to the current one, in the transaction that opens it: either all of it
/// is converted or, on any failure, nothing is changed.
/// </summary>
internal static class SchemaMigration
{
    /// <summary>
    /// Format 2 keyed executions and history rows by execution ARN; format 3 numbers executions in start order and keys
    /// history rows by that number, and keeps each definition once. First step: set the format-2 tables aside (true if there were any), so that the
    /// schema creates the current ones.
    /// </summary>
    public static bool SetAsideArnKeyedTables(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var probe = connection.CreateCommand();
        probe.Transaction = transaction;
        probe.CommandText = "SELECT count(*) FROM pragma_table_info('history_steps') WHERE name = 'execution_arn'";
        if (Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            return false;
        SqliteDatabase.Execute(connection, """
            ALTER TABLE executions RENAME TO executions_format2;
            ALTER TABLE history_steps RENAME TO history_steps_format2;
            DROP INDEX IF EXISTS executions_by_machine;
            """, transaction);
        return true;
    }

    /// <summary>Second step, once the current tables exist: copy the rows (their packed events as they are) and drop the old tables.</summary>
    public static void CopyArnKeyedTables(SqliteConnection connection, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.CreateFunction("sagebuild_definition_hash", (string text) => DefinitionHashes.Of(text), isDeterministic: true);
        SqliteDatabase.Execute(connection, """
            INSERT OR IGNORE INTO definitions (hash, text) SELECT sagebuild_definition_hash(definition), definition FROM executions_format2;
            INSERT INTO executions (id, execution_arn, state_machine_arn, name, definition_hash, status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed)
                SELECT row_number() OVER (ORDER BY start_date, execution_arn), execution_arn, state_machine_arn, name, sagebuild_definition_hash(definition), status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed
                FROM executions_format2;
            INSERT INTO history_steps (execution_id, first_event_id, events)
                SELECT e.id, h.first_event_id, h.events FROM history_steps_format2 h JOIN executions e ON e.execution_arn = h.execution_arn;
            DROP TABLE history_steps_format2;
            DROP TABLE executions_format2;
            """, transaction);
    }
}
