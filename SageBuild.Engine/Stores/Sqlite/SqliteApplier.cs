using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Puts logged writes into the SQLite tables: the writer's connection and its prepared commands. Each batch is one
/// transaction, which also records the number of the last redo-log frame it holds (<c>redo_state</c>), so that a
/// restart knows exactly which frames SQLite has. Used under the store's apply lock only.
/// </summary>
internal sealed class SqliteApplier : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertStep;
    private readonly SqliteCommand _insertExecution;
    private readonly SqliteCommand _updateExecution;
    private readonly SqliteCommand _setApplied;
    private readonly Dictionary<long, PendingExecution> _pending = [];
    private readonly List<PendingExecution> _order = [];
    private readonly Stack<PendingExecution> _free = new();

    public SqliteApplier(SqliteConnection connection)
    {
        _connection = connection;
        _insertStep = SqliteDatabase.Prepare(connection, """
            INSERT INTO history_steps (execution_id, first_event_id, events) VALUES ($id, $first, $events)
            """, "$id", "$first", "$events");
        _insertExecution = SqliteDatabase.Prepare(connection, """
            INSERT INTO executions (id, execution_arn, state_machine_arn, name, definition, status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed)
            VALUES ($id, $arn, $machine, $name, $definition, $status, $start, $stop, $input, $output, $error, $cause, $virtual, $seed)
            """, "$id", "$arn", "$machine", "$name", "$definition", "$status", "$start", "$stop", "$input", "$output", "$error", "$cause", "$virtual", "$seed");
        _updateExecution = SqliteDatabase.Prepare(connection, """
            UPDATE executions SET status = $status, stop_date = $stop, output = $output, error = $error, cause = $cause WHERE id = $id
            """, "$id", "$status", "$stop", "$output", "$error", "$cause");
        _setApplied = SqliteDatabase.Prepare(connection, "UPDATE redo_state SET applied_sequence = $sequence", "$sequence");
        using var read = SqliteDatabase.Prepare(connection, "SELECT applied_sequence FROM redo_state");
        AppliedSequence = (long)read.ExecuteScalar()!;
    }

    public bool IsDisposed { get; private set; }

    /// <summary>The number of the last redo-log frame SQLite holds.</summary>
    public long AppliedSequence { get; private set; }

    /// <summary>
    /// Stores the batch (frames up to <paramref name="sequence"/>) in one transaction. If that fails (an execution
    /// that already exists, a step whose first event id is taken), each write is stored in a transaction of its own,
    /// so that only the bad ones fail: they are returned, with the reason.
    /// </summary>
    public List<(StoreWrite Write, Exception Reason)>? Apply(List<StoreWrite> batch, long sequence)
    {
        try
        {
            using (var transaction = _connection.BeginTransaction(deferred: false))
            {
                ApplyMerged(batch, transaction);
                SetApplied(sequence, transaction);
                transaction.Commit();
            }

            AppliedSequence = sequence;
            return null;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            if (Environment.GetEnvironmentVariable("SB_DBG") is not null) Console.Error.WriteLine("FALLBACK " + e.Message);
            var failures = new List<(StoreWrite, Exception)>();
            foreach (var write in batch)
            {
                if (ApplyAlone(write) is { } reason)
                    failures.Add((write, reason));
            }

            using (var transaction = _connection.BeginTransaction(deferred: false))
            {
                SetApplied(sequence, transaction);
                transaction.Commit();
            }

            AppliedSequence = sequence;
            return failures;
        }
    }

    private Exception? ApplyAlone(StoreWrite write)
    {
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            if (write.Created is { } created)
                Insert(write.ExecutionId, created, transaction);
            if (write.HasEvents)
                InsertSteps(write.ExecutionId, write.FirstEventId, write.PackedEvents!, transaction);
            if (write.Outcome is { } outcome)
                Update(write.ExecutionId, write.ExecutionArn, outcome, transaction);
            transaction.Commit();
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
    private void ApplyMerged(List<StoreWrite> batch, SqliteTransaction transaction)
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

                if (write.Created is { } created)
                {
                    if (pending.Created is not null || pending.Steps.Count > 0 || pending.Outcome is not null)
                        throw new SqliteException($"an execution '{write.ExecutionArn}' is created twice in one batch", 19);
                    pending.Created = created;
                }

                if (write.HasEvents)
                {
                    if (pending.Steps.Count > 0 && write.FirstEventId <= pending.LastEventId)
                        pending.FlushSteps(this, transaction);
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
                pending.FlushSteps(this, transaction);
                if (pending.Created is { } created)
                    Insert(pending.ExecutionId, pending.Outcome is { } last ? last.AppliedTo(created) : created, transaction);
                else if (pending.Outcome is { } outcome)
                    Update(pending.ExecutionId, pending.ExecutionArn, outcome, transaction);
            }
        }
        finally
        {
            foreach (var pending in _order)
            {
                pending.Clear();
                _free.Push(pending);
            }

            _order.Clear();
            _pending.Clear();
        }
    }

    private void SetApplied(long sequence, SqliteTransaction transaction)
    {
        _setApplied.Transaction = transaction;
        _setApplied.Parameters[0].Value = sequence;
        _setApplied.ExecuteNonQuery();
    }

    // One row per step (or run of consecutive steps), keyed by its first event: a repeated append fails loudly on the key.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run by the background thread a few times, each a long loop: never worth tier 0
    private void InsertSteps(long executionId, long firstEventId, byte[] packed, SqliteTransaction transaction)
    {
        _insertStep.Transaction = transaction;
        var p = _insertStep.Parameters;
        p[0].Value = executionId;
        p[1].Value = firstEventId;
        p[2].Value = packed;
        _insertStep.ExecuteNonQuery();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run by the background thread a few times, each a long loop: never worth tier 0
    private void Update(long executionId, string executionArn, ExecutionOutcome outcome, SqliteTransaction transaction)
    {
        _updateExecution.Transaction = transaction;
        var p = _updateExecution.Parameters;
        p[0].Value = executionId;
        p[1].Value = outcome.Status.ToString();
        p[2].Value = (object?)outcome.StopDate?.UtcTicks ?? DBNull.Value;
        p[3].Value = outcome.Output is { } output ? System.Text.Encoding.UTF8.GetBytes(output.ToJson()) : DBNull.Value;
        p[4].Value = (object?)outcome.Error ?? DBNull.Value;
        p[5].Value = (object?)outcome.Cause ?? DBNull.Value;
        if (_updateExecution.ExecuteNonQuery() == 0)
            throw new InvalidOperationException($"no execution '{executionArn}' to append to");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run by the background thread a few times, each a long loop: never worth tier 0
    private void Insert(long executionId, ExecutionRecord record, SqliteTransaction transaction)
    {
        _insertExecution.Transaction = transaction;
        var p = _insertExecution.Parameters;
        p[0].Value = executionId;
        p[1].Value = record.ExecutionArn;
        p[2].Value = record.StateMachineArn;
        p[3].Value = record.Name;
        p[4].Value = record.Definition;
        p[5].Value = record.Status.ToString();
        p[6].Value = record.StartDate.UtcTicks;
        p[7].Value = (object?)record.StopDate?.UtcTicks ?? DBNull.Value;
        p[8].Value = System.Text.Encoding.UTF8.GetBytes(record.Input.ToJson());
        p[9].Value = record.Output is { } output ? System.Text.Encoding.UTF8.GetBytes(output.ToJson()) : DBNull.Value;
        p[10].Value = (object?)record.Error ?? DBNull.Value;
        p[11].Value = (object?)record.Cause ?? DBNull.Value;
        p[12].Value = record.UsesVirtualClock ? 1 : 0;
        p[13].Value = record.RandomSeed;
        _insertExecution.ExecuteNonQuery();
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
        _connection.Dispose();
    }

    /// <summary>What one batch writes for one execution: its creation, its steps not yet in a row, and its last outcome.</summary>
    private sealed class PendingExecution
    {
        public long ExecutionId { get; set; }

        public string ExecutionArn { get; set; } = "";

        public ExecutionRecord? Created { get; set; }

        public List<byte[]> Steps { get; } = [];

        public long FirstEventId { get; set; }

        public long LastEventId { get; set; }

        public ExecutionOutcome? Outcome { get; set; }

        public void FlushSteps(SqliteApplier applier, SqliteTransaction transaction)
        {
            if (Steps.Count == 0)
                return;
            applier.InsertSteps(ExecutionId, FirstEventId, HistoryStepCodec.Join(Steps), transaction);
            Steps.Clear();
        }

        public void Clear()
        {
            Created = null;
            Steps.Clear();
            Outcome = null;
        }
    }
}
