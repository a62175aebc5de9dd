using Microsoft.Data.Sqlite;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Keeps executions and their histories in SQLite, so that they survive the process: a crash, even <c>kill -9</c>,
/// loses nothing whose write has completed. Each <see cref="AppendAsync"/> is atomic (its events and the execution's
/// record, or nothing), and (execution ARN, event id) is the primary key, so a repeated event fails loudly.
/// </summary>
/// <remarks>
/// One writer does all the writing (SQLite allows one writer anyway): it takes every write queued since its last
/// commit and commits them in one transaction (group commit), so that many executions share each commit's cost. The
/// tasks of the writes complete once their transaction has committed. Reads open their own (pooled) connections and,
/// thanks to WAL, never wait for the writer.
/// </remarks>
public sealed partial class SqliteExecutionStore : IExecutionStore, IAsyncDisposable, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _queuedCreates = new(StringComparer.Ordinal);

    /// <summary>Opens (creating if need be) the database of <paramref name="options"/>.</summary>
    public SqliteExecutionStore(SqliteStoreOptions options)
    {
        _database = new SqliteDatabase(options);
        _writer = new Writer(_database.Open());
        _background = new Timer(static store => ((SqliteExecutionStore)store!).WriteQueued(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => _database.Path;

    /// <summary>
    /// Takes the record and returns at once, throwing <see cref="InvalidOperationException"/> when the ARN is taken
    /// (stored, or queued); it is durable once <see cref="EnsureStoredAsync"/> completes.
    /// </summary>
    public ValueTask CreateExecutionAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_queuedCreates.TryAdd(record.ExecutionArn, 0) || Exists(record.ExecutionArn))
        {
            _queuedCreates.TryRemove(record.ExecutionArn, out _);
            throw new InvalidOperationException($"an execution '{record.ExecutionArn}' already exists");
        }

        Enqueue(new WriteOperation(record.ExecutionArn, null, record, isCreate: true));
        return ValueTask.CompletedTask;
    }

    private bool Exists(string executionArn)
    {
        using var connection = _database.OpenForReading();
        using var command = SqliteDatabase.Prepare(connection, "SELECT 1 FROM executions WHERE execution_arn = $arn", "$arn");
        command.Parameters[0].Value = executionArn;
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Takes the events (a copy) and returns at once; they are written in the background, or by the next <see cref="EnsureStoredAsync"/>.</summary>
    public ValueTask AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        ArgumentNullException.ThrowIfNull(events);
        // The list is the engine's to reuse: keep a copy (the events themselves are immutable).
        var copy = new HistoryEvent[events.Count];
        for (var i = 0; i < copy.Length; i++)
            copy[i] = events[i];
        Enqueue(new WriteOperation(executionArn, copy, record, isCreate: false));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Writes everything queued, on the caller's thread (waiting first for a write under way): a caller that needs
    /// its events durable gets them so without a thread hop. A failed append makes this throw, for every caller after
    /// it too (the store's history would otherwise have a hole).
    /// </summary>
    public ValueTask EnsureStoredAsync(CancellationToken cancellationToken)
    {
        WriteQueued();
        return _failure is { } failure ? ValueTask.FromException(failure) : ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        WriteQueued(); // a reader sees everything handed over so far
        using var connection = _database.OpenForReading();
        using var command = SqliteDatabase.Prepare(connection, $"SELECT {RecordColumns} FROM executions WHERE execution_arn = $arn", "$arn");
        command.Parameters[0].Value = executionArn;
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? ReadRecord(reader) : null);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken)
    {
        WriteQueued(); // a reader sees everything handed over so far
        using var connection = _database.OpenForReading();
        using var command = SqliteDatabase.Prepare(connection, """
            SELECT event_id, previous_event_id, timestamp, type, frame_start, frame_index, details FROM history_events
            WHERE execution_arn = $arn ORDER BY event_id
            """, "$arn");
        command.Parameters[0].Value = executionArn;
        using var reader = command.ExecuteReader();
        var events = new List<HistoryEvent>();
        while (reader.Read())
        {
            var details = reader.IsDBNull(6) ? null : HistoryDetailsCodec.Decode((byte[])reader.GetValue(6));
            events.Add(new HistoryEvent(reader.GetInt64(0), reader.GetInt64(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero), EventTypes.Parse(reader.GetString(3)), details)
            {
                Frame = new FrameKey(reader.GetInt64(4), reader.GetInt32(5)),
            });
        }

        return ValueTask.FromResult<IReadOnlyList<HistoryEvent>>(events);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, CancellationToken cancellationToken)
    {
        WriteQueued(); // a reader sees everything handed over so far
        using var connection = _database.OpenForReading();
        using var command = stateMachineArn is null
            ? SqliteDatabase.Prepare(connection, $"SELECT {RecordColumns} FROM executions ORDER BY start_date DESC")
            : SqliteDatabase.Prepare(connection, $"SELECT {RecordColumns} FROM executions WHERE state_machine_arn = $machine ORDER BY start_date DESC", "$machine");
        if (stateMachineArn is not null)
            command.Parameters[0].Value = stateMachineArn;
        using var reader = command.ExecuteReader();
        var records = new List<ExecutionRecord>();
        while (reader.Read())
            records.Add(ReadRecord(reader));
        return ValueTask.FromResult<IReadOnlyList<ExecutionRecord>>(records);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningExecutionsAsync(CancellationToken cancellationToken)
    {
        WriteQueued();
        using var connection = _database.OpenForReading();
        using var command = SqliteDatabase.Prepare(connection, $"SELECT {RecordColumns} FROM executions WHERE status = 'RUNNING' ORDER BY start_date");
        using var reader = command.ExecuteReader();
        var records = new List<ExecutionRecord>();
        while (reader.Read())
            records.Add(ReadRecord(reader));
        return ValueTask.FromResult<IReadOnlyList<ExecutionRecord>>(records);
    }

    private const string RecordColumns =
        "execution_arn, state_machine_arn, name, definition, status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed";

    private static ExecutionRecord ReadRecord(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Enum.Parse<ExecutionStatus>(reader.GetString(4)),
            new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero), JsonValue.Parse((byte[])reader.GetValue(7)))
        {
            StopDate = reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
            Output = reader.IsDBNull(8) ? null : JsonValue.Parse((byte[])reader.GetValue(8)),
            Error = reader.IsDBNull(9) ? null : reader.GetString(9),
            Cause = reader.IsDBNull(10) ? null : reader.GetString(10),
            UsesVirtualClock = reader.GetInt64(11) != 0,
            RandomSeed = reader.GetInt32(12),
        };
}
