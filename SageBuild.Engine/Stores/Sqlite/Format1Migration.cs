using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Converts a database of format 1 to format 2, in the transaction that opens it (before <see cref="SchemaMigration"/>
/// takes format 2 on to the current format): either all of it is converted or, on any failure, nothing is changed.
/// </summary>
/// <remarks>
/// Format 1 kept one <c>history_events</c> row per event (its type by name, its details as the compact JSON that
/// <see cref="HistoryDetailsCodec"/> reads); format 2 keeps <c>history_steps</c> rows keyed by (execution ARN, first
/// event id), their events packed in one blob (<see cref="HistoryStepCodec"/>). Both key executions by ARN with their
/// definition's text, in the same <c>executions</c> table, which therefore stays as it is. Format 1 recorded no steps,
/// so each execution's events go in runs of <see cref="EventsPerRow"/>: one row for nearly every execution. Every event
/// is decoded on the way (not copied as bytes), so a corrupt row is found here, named, and nothing is converted.
/// </remarks>
internal static class Format1Migration
{
    /// <summary>The most events one converted <c>history_steps</c> row holds (a blob of some tens of kilobytes).</summary>
    internal const int EventsPerRow = 1_000;

    private const string Format2Steps = """
        CREATE TABLE history_steps (
            execution_arn TEXT NOT NULL,
            first_event_id INTEGER NOT NULL,
            events BLOB NOT NULL,
            PRIMARY KEY (execution_arn, first_event_id)
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// If the database is of format 1 (it has <c>history_events</c>), rewrites its histories as format 2's
    /// <c>history_steps</c> and drops <c>history_events</c>, in <paramref name="transaction"/>; otherwise does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">A row cannot be read: the message names the file, the execution and the event.</exception>
    public static void ConvertToFormat2(SqliteConnection connection, SqliteTransaction transaction, string path)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!HasHistoryEvents(connection, transaction))
            return;
        SqliteDatabase.Execute(connection, Format2Steps, transaction);
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = """
            SELECT execution_arn, event_id, previous_event_id, timestamp, type, frame_start, frame_index, details
            FROM history_events ORDER BY execution_arn, event_id
            """;
        using var insert = SqliteDatabase.Prepare(connection, "INSERT INTO history_steps (execution_arn, first_event_id, events) VALUES ($arn, $first, $events)", "$arn", "$first", "$events");
        insert.Transaction = transaction;
        using var codec = new HistoryStepCodec();
        var run = new List<HistoryEvent>(EventsPerRow);
        string? runArn = null;
        using (var rows = Query(read, path))
        {
            while (rows.Read())
            {
                var arn = rows.IsDBNull(0) ? throw Corrupt(path, "(none)", rows.IsDBNull(1) ? "(none)" : rows.GetValue(1), "its execution_arn is NULL") : rows.GetString(0);
                if (arn != runArn || run.Count == EventsPerRow)
                {
                    Write(insert, codec, runArn, run);
                    runArn = arn;
                }

                run.Add(ReadEvent(rows, arn, path));
            }
        }

        Write(insert, codec, runArn, run);
        SqliteDatabase.Execute(connection, "DROP TABLE history_events;", transaction);
    }

    private static bool HasHistoryEvents(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var probe = connection.CreateCommand();
        probe.Transaction = transaction;
        probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'history_events'";
        return Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static SqliteDataReader Query(SqliteCommand read, string path)
    {
        try
        {
            return read.ExecuteReader();
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException(
                $"{path} has a table history_events, as databases of format 1 (one history row per event) have, but not the columns " +
                $"format 1 gave it ({e.Message}). Nothing in it was changed.", e);
        }
    }

    private static void Write(SqliteCommand insert, HistoryStepCodec codec, string? arn, List<HistoryEvent> run)
    {
        if (run.Count == 0)
            return;
        insert.Parameters[0].Value = arn;
        insert.Parameters[1].Value = run[0].Id;
        insert.Parameters[2].Value = codec.Encode([[.. run]]);
        insert.ExecuteNonQuery();
        run.Clear();
    }

    private static HistoryEvent ReadEvent(SqliteDataReader rows, string arn, string path)
    {
        object eventId = rows.IsDBNull(1) ? "(none)" : rows.GetValue(1);
        try
        {
            var id = Integer(rows, 1, "event_id");
            var previous = Integer(rows, 2, "previous_event_id");
            var ticks = Integer(rows, 3, "timestamp");
            var type = rows.IsDBNull(4) ? throw new FormatException("its type is NULL") : EventTypes.Parse(rows.GetString(4));
            var frame = new FrameKey(Integer(rows, 5, "frame_start"), checked((int)Integer(rows, 6, "frame_index")));
            var details = rows.IsDBNull(7) ? null : HistoryDetailsCodec.Decode(rows.GetFieldValue<byte[]>(7));
            return new HistoryEvent(id, previous, new DateTimeOffset(ticks, TimeSpan.Zero), type, details) { Frame = frame };
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidCastException or OverflowException or ArgumentException)
        {
            throw Corrupt(path, arn, eventId, e.Message, e);
        }
    }

    // SQLite stores whatever it is given: a value of another type is as corrupt as a NULL.
    private static long Integer(SqliteDataReader rows, int column, string name) =>
        rows.GetFieldType(column) == typeof(long) ? rows.GetInt64(column) : throw new FormatException($"its {name} is not an integer");

    private static InvalidOperationException Corrupt(string path, string arn, object eventId, string reason, Exception? inner = null) =>
        new($"{path} is a database of format 1 (one history row per event), which is converted when opened, but its history_events row " +
            $"of execution '{arn}', event_id {eventId} cannot be read: {reason}. Nothing was converted and nothing in it was changed: " +
            "repair or delete that row, or use the earlier SageBuild for this database.", inner);
}
