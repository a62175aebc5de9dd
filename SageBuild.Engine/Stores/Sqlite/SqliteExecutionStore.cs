using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Keeps executions and their histories in SQLite, so that they survive the process: a crash, even <c>kill -9</c>,
/// loses nothing that <see cref="EnsureStoredAsync"/> has confirmed. Each <see cref="AppendAsync"/> is atomic (its
/// events and the execution's record, or nothing). Appends are packed by <see cref="HistoryStepCodec"/>; consecutive
/// appends of one execution stored together share a row of <c>history_steps</c>, keyed by (execution id, first event
/// id), or of <c>executions</c> itself (<c>first_steps</c>) when they are its first.
/// </summary>
/// <remarks>
/// Writes go through a redo log (<see cref="RedoLog"/>, a file beside the database) before SQLite: the barrier
/// appends what is queued to the log with one write, durable against a crash of the process once made, and a
/// background thread moves the logged writes into SQLite in large transactions, recording in each which log frames it
/// holds. Opening the store applies the frames SQLite does not hold yet. Readers first bring SQLite up to date with
/// everything handed over, then read with their own (pooled) connections, which WAL never makes wait for the writer.
/// See SqliteExecutionStore.Pipeline.cs.
/// </remarks>
public sealed partial class SqliteExecutionStore : IExecutionStore, IAsyncDisposable, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly ConcurrentDictionary<string, byte> _unappliedCreates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OpenExecution> _open = new(StringComparer.Ordinal);
    private long _lastExecutionId;
    private readonly ExecutionArnFilter _arns;
    private readonly Lock _existsLock = new();
    private SqliteConnection? _existsConnection;
    private SqliteCommand? _exists;

    /// <summary>Opens (creating if need be) the database of <paramref name="options"/>, and applies what its redo log holds beyond it.</summary>
    public SqliteExecutionStore(SqliteStoreOptions options)
    {
        _database = new SqliteDatabase(options);
        _survivesPowerLoss = options.SurvivesPowerLoss;
        _appliesInBackground = options.AppliesInBackground;
        _checkpointBytes = options.CheckpointBytes;
        _applier = new SqliteApplier(_database.Open());
        try
        {
            _log = RedoLog.Open(_database.Path + "-redo", options.RedoLogCapacity);
            Recover();
            var packed = ChildPackReader.Totals(_database);
            _arns = LoadArnFilter(packed.Count);
            LoadKnownDefinitions();
            _lastExecutionId = LastExecutionId(packed.LastId);
            _existsConnection = _database.OpenForReading();
        }
        catch
        {
            _log?.Dispose();
            _applier.Dispose();
            throw;
        }

        _timer = new Timer(static store => ((SqliteExecutionStore)store!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
        _worker = new Thread(WorkInBackground) { IsBackground = true, Name = "SageBuild SQLite writer" };
        _worker.Start();
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
        if (!_unappliedCreates.TryAdd(record.ExecutionArn, 0))
            throw new InvalidOperationException($"an execution '{record.ExecutionArn}' already exists");
        var arnKey = ExecutionArnKey.Of(record.ExecutionArn);
        if (_arns.MayContain(arnKey) && Exists(arnKey, record.ExecutionArn))
        {
            _unappliedCreates.TryRemove(record.ExecutionArn, out _);
            throw new InvalidOperationException($"an execution '{record.ExecutionArn}' already exists");
        }

        _arns.Add(arnKey);
        var id = Interlocked.Increment(ref _lastExecutionId);
        var execution = new OpenExecution(id);
        _open[record.ExecutionArn] = execution;
        Enqueue(StoreWrite.Create(id, arnKey, record), execution);
        return ValueTask.CompletedTask;
    }

    // A connection kept for this check: opening a pooled connection and preparing the query each time cost more than
    // the rest of a small execution's start. Only ARNs the filter cannot rule out come here.
    private bool Exists(long arnKey, string executionArn)
    {
        lock (_existsLock)
        {
            ObjectDisposedException.ThrowIf(_existsConnection is null, this);
            _exists ??= PrepareByArn(_existsConnection, "SELECT 1 FROM executions e");
            BindArn(_exists, arnKey, executionArn);
            return _exists.ExecuteScalar() is not null || ChildPackReader.Find(_existsConnection, executionArn, null) is not null;
        }
    }

    /// <summary>
    /// Takes the events (a copy) and returns at once; they are logged and stored in the background, or logged by the
    /// next <see cref="EnsureStoredAsync"/>. An append whose first event id does not follow the execution's last one
    /// is refused, and fails the store's barrier from then on (its history would otherwise have a hole or a repeat).
    /// </summary>
    public ValueTask AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        ArgumentNullException.ThrowIfNull(events);
        // The list is the engine's to reuse: keep a copy (the events themselves are immutable).
        var copy = new HistoryEvent[events.Count];
        for (var i = 0; i < copy.Length; i++)
            copy[i] = events[i];
        // One execution's appends come one at a time (the engine's journal lock): no race on its entry.
        if ((_open.TryGetValue(executionArn, out var open) ? open : Reopen(executionArn)) is not { } execution)
        {
            Fail(new InvalidOperationException($"no execution '{executionArn}' to append to"));
            return ValueTask.CompletedTask;
        }

        if (copy.Length > 0)
        {
            if (copy[0].Id <= execution.LastEventId)
            {
                Fail(new InvalidOperationException($"an event of '{executionArn}' is already stored: the step starting at event {copy[0].Id} follows event {execution.LastEventId}"));
                return ValueTask.CompletedTask;
            }

            execution.LastEventId = copy[^1].Id;
        }

        // An ended execution takes no more appends but a redrive's, rare enough to look it up again.
        if (record is { Status: not ExecutionStatus.RUNNING })
            _open.TryRemove(executionArn, out _);
        EnqueueAppend(execution, executionArn, copy, record);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Logs everything queued, on the caller's thread (waiting first for a logging under way): once it completes, a
    /// crash of the process loses none of it. A refused append makes this throw, for every caller after it too.
    /// </summary>
    public ValueTask EnsureStoredAsync(CancellationToken cancellationToken)
    {
        LogQueued();
        return _failure is { } failure ? ValueTask.FromException(failure) : ValueTask.CompletedTask;
    }

    /// <summary>
    /// Moves everything handed over so far into the SQLite tables now, as any read does first. Durability needs no
    /// such call (<see cref="EnsureStoredAsync"/> is the barrier); a benchmark does, to count the whole cost.
    /// </summary>
    public void ApplyToDatabase() => ApplyEverything();

    /// <inheritdoc />
    public ValueTask<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        ApplyEverything(); // a reader sees everything handed over so far
        using var connection = _database.OpenForReading();
        using var command = PrepareByArn(connection, $"SELECT {RecordColumns} FROM {Records}");
        BindArn(command, ExecutionArnKey.Of(executionArn), executionArn);
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? ReadRecord(reader) : ChildPackReader.Find(connection, executionArn, null));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken)
    {
        ApplyEverything();
        using var connection = _database.OpenForReading();
        var events = new List<HistoryEvent>();
        if (ReadFirstSteps(connection, executionArn, events) is { } id)
            ReadLaterSteps(connection, id, events, lastOnly: false);
        else
            ChildPackReader.Find(connection, executionArn, events);
        return ValueTask.FromResult<IReadOnlyList<HistoryEvent>>(events);
    }

    // The execution's id (null when there is none), its first steps (stored in its row) added to the events.
    private static long? ReadFirstSteps(SqliteConnection connection, string executionArn, List<HistoryEvent> events)
    {
        using var command = PrepareByArn(connection, "SELECT id, first_steps FROM executions e");
        BindArn(command, ExecutionArnKey.Of(executionArn), executionArn);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        if (!reader.IsDBNull(1))
            HistoryStepCodec.Decode((byte[])reader.GetValue(1), events);
        return reader.GetInt64(0);
    }

    // The steps stored in rows of their own, in order (the last one only, when that is all the caller needs).
    private static void ReadLaterSteps(SqliteConnection connection, long executionId, List<HistoryEvent> events, bool lastOnly)
    {
        using var command = SqliteDatabase.Prepare(connection, lastOnly
            ? "SELECT events FROM history_steps WHERE execution_id = $id ORDER BY first_event_id DESC LIMIT 1"
            : "SELECT events FROM history_steps WHERE execution_id = $id ORDER BY first_event_id", "$id");
        command.Parameters[0].Value = executionId;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            HistoryStepCodec.Decode((byte[])reader.GetValue(0), events);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, CancellationToken cancellationToken)
    {
        ApplyEverything();
        using var connection = _database.OpenForReading();
        using var command = stateMachineArn is null
            ? SqliteDatabase.Prepare(connection, $"SELECT {RecordColumns} FROM {Records} ORDER BY e.start_date DESC")
            : SqliteDatabase.Prepare(connection, $"SELECT {RecordColumns} FROM {Records} WHERE e.state_machine_arn = $machine ORDER BY e.start_date DESC", "$machine");
        if (stateMachineArn is not null)
            command.Parameters[0].Value = stateMachineArn;
        var records = ReadRecords(command);
        var rows = records.Count;
        ChildPackReader.AddAll(connection, stateMachineArn, records);
        if (records.Count > rows)
            records.Sort(static (a, b) => b.StartDate.CompareTo(a.StartDate));
        return ValueTask.FromResult<IReadOnlyList<ExecutionRecord>>(records);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningExecutionsAsync(CancellationToken cancellationToken)
    {
        ApplyEverything();
        using var connection = _database.OpenForReading();
        using var command = SqliteDatabase.Prepare(connection, $"SELECT {RecordColumns} FROM {Records} WHERE e.status = 'RUNNING' ORDER BY e.start_date");
        return ValueTask.FromResult<IReadOnlyList<ExecutionRecord>>(ReadRecords(command));
    }

    // An execution this store has not seen since it opened (resumed, or redriven once ended): its key and last event
    // id, read once everything handed over is applied. Null when there is no such execution.
    private OpenExecution? Reopen(string executionArn)
    {
        ApplyEverything();
        using var connection = _database.OpenForReading();
        var events = new List<HistoryEvent>();
        if (ReadFirstSteps(connection, executionArn, events) is not { } id)
            return null;
        ReadLaterSteps(connection, id, events, lastOnly: true);
        var execution = new OpenExecution(id) { LastEventId = events.Count > 0 ? events[^1].Id : 0 };
        return _open.GetOrAdd(executionArn, execution);
    }

    // The largest id among the rows and the packed children (packedLastId), so that no id is given twice.
    private long LastExecutionId(long packedLastId)
    {
        using var connection = _database.OpenForReading();
        using var command = SqliteDatabase.Prepare(connection, "SELECT coalesce(max(id), 0) FROM executions");
        return Math.Max((long)command.ExecuteScalar()!, packedLastId);
    }

    private void LoadKnownDefinitions()
    {
        using var connection = _database.OpenForReading();
        using var command = SqliteDatabase.Prepare(connection, "SELECT hash FROM definitions");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            _knownDefinitions.Add(reader.GetString(0));
    }

    private ExecutionArnFilter LoadArnFilter(long packedChildren)
    {
        using var connection = _database.OpenForReading();
        using var count = SqliteDatabase.Prepare(connection, "SELECT count(*) FROM executions");
        var filter = new ExecutionArnFilter((long)count.ExecuteScalar()! + packedChildren);
        ChildPackReader.AddKeys(connection, filter);
        using var keys = SqliteDatabase.Prepare(connection, "SELECT arn_key FROM executions");
        using var reader = keys.ExecuteReader();
        while (reader.Read())
            filter.Add(reader.GetInt64(0));
        return filter;
    }

    // A query of `select` (whose executions table is `e`) for one execution by its ARN: through the index of ARN keys
    // (ExecutionArnKey), then the ARN itself. BindArn gives it both.
    private static SqliteCommand PrepareByArn(SqliteConnection connection, string select) =>
        SqliteDatabase.Prepare(connection, select + " WHERE e.arn_key = $key AND e.execution_arn = $arn", "$key", "$arn");

    private static void BindArn(SqliteCommand command, long arnKey, string executionArn)
    {
        command.Parameters[0].Value = arnKey;
        command.Parameters[1].Value = executionArn;
    }

    private const string RecordColumns =
        "e.execution_arn, e.state_machine_arn, e.name, coalesce(d.text, ''), e.status, e.start_date, e.stop_date, e.input, e.output, e.error, e.cause, e.virtual_clock, e.random_seed";

    // A LEFT JOIN: should a definition's row ever be missing, its executions still list (with an empty definition).
    private const string Records = "executions e LEFT JOIN definitions d ON d.hash = e.definition_hash";

    private static List<ExecutionRecord> ReadRecords(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var records = new List<ExecutionRecord>();
        while (reader.Read())
            records.Add(ReadRecord(reader));
        return records;
    }

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

    /// <summary>An execution still taking appends: its key, and the id of its last event handed over.</summary>
    private sealed class OpenExecution(long id)
    {
        public long Id { get; } = id;

        public long LastEventId { get; set; }

        /// <summary>Its last write in the queue, while that queue is not yet taken (under the queue lock).</summary>
        public StoreWrite? Queued { get; set; }

        /// <summary>The queue <see cref="Queued"/> went into (<c>_queueGeneration</c>).</summary>
        public long QueuedIn { get; set; }
    }
}
