using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Puts logged writes into the SQLite tables: the writer's connection and its prepared commands. Each batch is one
/// transaction, which also records the number of the last redo-log frame it holds (<c>redo_state</c>), so that a
/// restart knows exactly which frames SQLite has. Used under the store's apply lock only.
/// </summary>
internal sealed class SqliteApplier : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly RawStatement _insertStep;
    private readonly RawStatement _insertExecution;
    private readonly RawStatement _updateExecution;
    private readonly RawStatement _setApplied;
    private readonly RawStatement _insertDefinition;
    private readonly ChildPackWriter _packs;
    private readonly RawTransaction _transaction;
    private readonly sqlite3 _db;
    private readonly long _pageSize;
    private readonly Dictionary<long, PendingExecution> _pending = [];
    private readonly List<PendingExecution> _order = [];
    private readonly Stack<PendingExecution> _free = new();

    public SqliteApplier(SqliteConnection connection)
    {
        _connection = connection;
        _insertStep = new RawStatement(connection, "INSERT INTO history_steps (execution_id, first_event_id, events) VALUES (?1, ?2, ?3)");
        _insertExecution = new RawStatement(connection, """
            INSERT INTO executions (id, execution_arn, state_machine_arn, name, definition_hash, status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed, first_steps, arn_key)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """);
        _updateExecution = new RawStatement(connection, "UPDATE executions SET status = ?2, stop_date = ?3, output = ?4, error = ?5, cause = ?6 WHERE id = ?1");
        _setApplied = new RawStatement(connection, "UPDATE redo_state SET applied_sequence = ?1");
        _insertDefinition = new RawStatement(connection, "INSERT OR IGNORE INTO definitions (hash, text) VALUES (?1, ?2)");
        _packs = new ChildPackWriter(connection);
        _transaction = new RawTransaction(connection);
        _db = connection.Handle!;
        using (var pageSize = SqliteDatabase.Prepare(connection, "PRAGMA page_size"))
            _pageSize = (long)pageSize.ExecuteScalar()!;
        // The store's background thread checkpoints the WAL (SqliteExecutionStore.CheckpointIfDue), on a connection of its
        // own: a commit of this one that crossed the threshold copied megabytes into the database file while holding the
        // apply lock, and a reader (or the benchmark's clock) waiting for SQLite to be up to date waited for that too.
        SqliteDatabase.Execute(connection, "PRAGMA wal_autocheckpoint=0;");
        using var read = SqliteDatabase.Prepare(connection, "SELECT applied_sequence FROM redo_state");
        AppliedSequence = (long)read.ExecuteScalar()!;
    }

    public bool IsDisposed { get; private set; }

    private long _appliedSequence;

    /// <summary>The number of the last redo-log frame SQLite holds (read without the apply lock, to know when the log may rewind).</summary>
    public long AppliedSequence
    {
        get => Volatile.Read(ref _appliedSequence);
        private set => Volatile.Write(ref _appliedSequence, value);
    }

    /// <summary>
    /// Stores the batch (frames up to <paramref name="sequence"/>) in one transaction. If that fails (an execution
    /// that already exists, a step whose first event id is taken), each write is stored in a transaction of its own,
    /// so that only the bad ones fail: they are returned, with the reason.
    /// </summary>
    public List<(StoreWrite Write, Exception Reason)>? Apply(List<StoreWrite> batch, long sequence)
    {
        try
        {
            _transaction.Run((Applier: this, Batch: batch, Sequence: sequence), static s =>
            {
                s.Applier.ApplyMerged(s.Batch);
                s.Applier.SetApplied(s.Sequence);
            });

            AppliedSequence = sequence;
            CountWalPages();
            return null;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            var failures = new List<(StoreWrite, Exception)>();
            foreach (var write in batch)
            {
                if (ApplyAlone(write) is { } reason)
                    failures.Add((write, reason));
            }

            _transaction.Run((Applier: this, Sequence: sequence), static s => s.Applier.SetApplied(s.Sequence));

            AppliedSequence = sequence;
            CountWalPages();
            return failures;
        }
    }

    private Exception? ApplyAlone(StoreWrite write)
    {
        try
        {
            _transaction.Run((Applier: this, Write: write), static s =>
            {
                var write = s.Write;
                if (write.Created is { } created)
                    s.Applier.Insert(write, created, write.InitialOutcome, null);
                if (write.HasEvents)
                    s.Applier.InsertSteps(write.ExecutionId, write.FirstEventId, write.PackedEvents!);
                if (write.Outcome is { } outcome)
                    s.Applier.Update(write.ExecutionId, write.ExecutionArn, outcome);
            });
            return null;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 && write.Created is not null)
        {
            return new InvalidOperationException($"an execution '{write.ExecutionArn}' already exists", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return new InvalidOperationException($"an event of '{write.ExecutionArn}' is already stored: {e.Message}", e);
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            return e;
        }
    }

    /// <summary>
    /// Applies the batch with the consecutive steps of each execution joined into one row (keyed by its first event
    /// id), its record written once in its last state, and a creation with its record's later changes inserted as one
    /// row: within one transaction this stores exactly what the writes one by one would, in fewer row writes. A step
    /// whose ids do not follow the row's is not joined, so that a repeated append still meets its key and fails.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run by the background thread a few times, each a long loop: never worth tier 0
    private void ApplyMerged(List<StoreWrite> batch)
    {
        try
        {
            foreach (var write in batch)
            {
                if (!_pending.TryGetValue(write.ExecutionId, out var pending))
                {
                    pending = _free.Count > 0 ? _free.Pop() : new PendingExecution();
                    pending.ExecutionId = write.ExecutionId;
                    pending.ExecutionArn = write.ExecutionArn;
                    _pending.Add(write.ExecutionId, pending);
                    _order.Add(pending);
                }

                if (write.Created is not null)
                {
                    if (pending.Creation is not null || pending.Steps.Count > 0 || pending.Outcome is not null)
                        throw new SqliteException($"an execution '{write.ExecutionArn}' is created twice in one batch", 19);
                    pending.Creation = write;
                }

                if (write.HasEvents)
                {
                    if (pending.Steps.Count > 0 && write.FirstEventId <= pending.LastEventId)
                        pending.FlushSteps(this);
                    if (pending.Steps.Count == 0)
                        pending.FirstEventId = write.FirstEventId;
                    pending.Steps.Add(write.PackedEvents!);
                    pending.LastEventId = write.LastEventId;
                }

                if (write.Outcome is { } outcome)
                    pending.Outcome = outcome;
            }

            foreach (var pending in _order)
            {
                if (pending.Creation is { Created: { } created } creation)
                {
                    // Created with its first steps in this batch (the usual case): those steps go in its own row.
                    var first = pending.Steps.Count > 0 && !pending.Flushed && pending.FirstEventId == 1 ? pending.TakeSteps() : null;
                    pending.FlushSteps(this);
                    var outcome = pending.Outcome ?? creation.InitialOutcome;
                    // A distributed Map's child created, run and ended in this batch goes into a pack with its siblings.
                    if (first is not null && _packs.TryAdd(creation, created, outcome, first))
                        InsertDefinition(creation, created);
                    else
                        Insert(creation, created, outcome, first);
                }
                else
                {
                    pending.FlushSteps(this);
                    if (pending.Outcome is { } outcome)
                        Update(pending.ExecutionId, pending.ExecutionArn, outcome);
                }
            }

            _packs.WriteAll();
        }
        finally
        {
            _packs.Clear();
            foreach (var pending in _order)
            {
                pending.Clear();
                _free.Push(pending);
            }

            _order.Clear();
            _pending.Clear();
        }
    }

    private long _walBytes;

    /// <summary>
    /// The bytes of pages this connection has written to the WAL since the last call, which takes them (read without
    /// the apply lock, by the checkpointer).
    /// </summary>
    public long TakeWalBytes() => Interlocked.Exchange(ref _walBytes, 0);

    // SQLite counts the pages its commits wrote (each a frame of the WAL); a checkpoint is due by that count, not by the
    // redo log's bytes, which the WAL exceeds several times over for small executions (index pages, 4 KB each).
    private void CountWalPages()
    {
        raw.sqlite3_db_status(_db, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, 1);
        Interlocked.Add(ref _walBytes, (long)pages * _pageSize);
    }

    private void SetApplied(long sequence)
    {
        _setApplied.Bind(1, sequence);
        _setApplied.Execute();
    }

    // One row per step (or run of consecutive steps), keyed by its first event: a repeated append fails loudly on the key.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InsertSteps(long executionId, long firstEventId, byte[] packed)
    {
        _insertStep.Bind(1, executionId);
        _insertStep.Bind(2, firstEventId);
        _insertStep.Bind(3, packed);
        _insertStep.Execute();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Update(long executionId, string executionArn, ExecutionOutcome outcome)
    {
        _updateExecution.Bind(1, executionId);
        _updateExecution.Bind(2, outcome.Status.ToString());
        BindOptional(_updateExecution, 3, outcome.StopDate?.UtcTicks);
        BindOptional(_updateExecution, 4, outcome.OutputJson);
        _updateExecution.Bind(5, outcome.Error);
        _updateExecution.Bind(6, outcome.Cause);
        if (_updateExecution.Execute() == 0)
            throw new InvalidOperationException($"no execution '{executionArn}' to append to");
    }

    // The creation's record, as of the end of the batch, with its first steps (events from 1) when it has them; and its
    // definition's text, if it is the first to run it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Insert(StoreWrite creation, ExecutionRecord record, ExecutionOutcome outcome, byte[]? firstSteps)
    {
        InsertDefinition(creation, record);
        var s = _insertExecution;
        s.Bind(1, creation.ExecutionId);
        s.Bind(2, record.ExecutionArn);
        s.Bind(3, record.StateMachineArn);
        s.Bind(4, record.Name);
        s.Bind(5, creation.DefinitionHash);
        s.Bind(6, outcome.Status.ToString());
        s.Bind(7, record.StartDate.UtcTicks);
        BindOptional(s, 8, outcome.StopDate?.UtcTicks);
        s.Bind(9, creation.InputJson);
        BindOptional(s, 10, outcome.OutputJson);
        s.Bind(11, outcome.Error);
        s.Bind(12, outcome.Cause);
        s.Bind(13, record.UsesVirtualClock ? 1 : 0);
        s.Bind(14, record.RandomSeed);
        BindOptional(s, 15, firstSteps);
        s.Bind(16, creation.ArnKey);
        s.Execute();
    }

    // The definition's text, when the creation is the first to run it.
    private void InsertDefinition(StoreWrite creation, ExecutionRecord record)
    {
        if (!creation.StoresDefinition)
            return;
        _insertDefinition.Bind(1, creation.DefinitionHash);
        _insertDefinition.Bind(2, record.Definition);
        _insertDefinition.Execute();
    }

    private static void BindOptional(RawStatement statement, int position, long? value)
    {
        if (value is { } v)
            statement.Bind(position, v);
        else
            statement.BindNull(position);
    }

    // A BLOB or NULL: packed events, or JSON as UTF-8 text (as readers expect), made once for the log and SQLite.
    private static void BindOptional(RawStatement statement, int position, byte[]? bytes)
    {
        if (bytes is null)
            statement.BindNull(position);
        else
            statement.Bind(position, bytes);
    }

    public void Dispose()
    {
        if (IsDisposed)
            return;
        IsDisposed = true;
        _insertStep.Dispose();
        _insertExecution.Dispose();
        _updateExecution.Dispose();
        _setApplied.Dispose();
        _insertDefinition.Dispose();
        _packs.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }

    /// <summary>What one batch writes for one execution: its creation, its steps not yet in a row, and its last outcome.</summary>
    private sealed class PendingExecution
    {
        public long ExecutionId { get; set; }

        public string ExecutionArn { get; set; } = "";

        public StoreWrite? Creation { get; set; }

        public List<byte[]> Steps { get; } = [];

        public long FirstEventId { get; set; }

        public long LastEventId { get; set; }

        public ExecutionOutcome? Outcome { get; set; }

        /// <summary>Whether some of this batch's steps already went to a row of their own.</summary>
        public bool Flushed { get; private set; }

        public void FlushSteps(SqliteApplier applier)
        {
            if (Steps.Count == 0)
                return;
            applier.InsertSteps(ExecutionId, FirstEventId, HistoryStepCodec.Join(Steps));
            Steps.Clear();
            Flushed = true;
        }

        /// <summary>The steps as one blob, taken out of the batch.</summary>
        public byte[] TakeSteps()
        {
            var joined = HistoryStepCodec.Join(Steps);
            Steps.Clear();
            return joined;
        }

        public void Clear()
        {
            Flushed = false;
            Creation = null;
            Steps.Clear();
            Outcome = null;
        }
    }
}
