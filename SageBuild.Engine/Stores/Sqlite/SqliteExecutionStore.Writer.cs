using Microsoft.Data.Sqlite;
using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores.Sqlite;

public sealed partial class SqliteExecutionStore
{
    private readonly Lock _queueLock = new();
    private readonly Lock _writeLock = new();
    private readonly Writer _writer;
    private List<WriteOperation> _queue = new(64);
    private List<WriteOperation> _spare = new(64);
    private static readonly TimeSpan BackgroundDelay = TimeSpan.FromMilliseconds(5);
    private readonly Timer _background;
    private Exception? _failure;

    /// <summary>Writes what is queued and closes the database.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc cref="DisposeAsync" />
    public void Dispose()
    {
        _background.Dispose();
        WriteQueued();
        lock (_writeLock)
            _writer.Dispose();
    }

    private void Enqueue(WriteOperation operation)
    {
        bool wasEmpty;
        lock (_queueLock)
        {
            ObjectDisposedException.ThrowIf(_writer.IsDisposed, this);
            wasEmpty = _queue.Count == 0;
            _queue.Add(operation);
        }

        // What nobody waits for is written a moment later in the background, with whatever has queued up by then
        // (group commit). Usually a caller that needs it stored (EnsureStoredAsync) comes first and writes it itself,
        // on its own thread: a write right away on another thread would only contend with the engine for the cores.
        if (wasEmpty)
            _background.Change(BackgroundDelay, Timeout.InfiniteTimeSpan);
    }

    // One writer at a time (SQLite has one anyway): whoever holds the write lock writes every batch queued until none is left.
    private void WriteQueued()
    {
        lock (_writeLock)
        {
            while (true)
            {
                List<WriteOperation> batch;
                lock (_queueLock)
                {
                    if (_queue.Count == 0)
                        return;
                    batch = _queue;
                    _queue = _spare;
                    _spare = batch;
                }

                if (_writer.IsDisposed)
                {
                    foreach (var operation in batch)
                        operation.TrySetException(new ObjectDisposedException(nameof(SqliteExecutionStore), "the store is closed"));
                }
                else if (_writer.Write(batch) is { } failure)
                {
                    _failure ??= failure;
                }

                foreach (var operation in batch)
                {
                    if (operation.IsCreate)
                        _queuedCreates.TryRemove(operation.ExecutionArn, out _);
                }

                batch.Clear();
            }
        }
    }

    /// <summary>A queued write; its task completes when the write has committed (or has failed, with the reason).</summary>
    private sealed class WriteOperation(string executionArn, HistoryEvent[]? events, ExecutionRecord? record, bool isCreate)
        : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public string ExecutionArn { get; } = executionArn;

        public HistoryEvent[]? Events { get; } = events;

        public ExecutionRecord? Record { get; } = record;

        public bool IsCreate { get; } = isCreate;
    }

    /// <summary>The writer's connection and its prepared commands; used by the write loop only.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insertEvent;
        private readonly SqliteCommand _insertExecution;
        private readonly SqliteCommand _updateExecution;

        public Writer(SqliteConnection connection)
        {
            _connection = connection;
            _insertEvent = SqliteDatabase.Prepare(connection, """
                INSERT INTO history_events (execution_arn, event_id, previous_event_id, timestamp, type, frame_start, frame_index, details)
                VALUES ($arn, $id, $previous, $timestamp, $type, $frame_start, $frame_index, $details)
                """, "$arn", "$id", "$previous", "$timestamp", "$type", "$frame_start", "$frame_index", "$details");
            _insertExecution = SqliteDatabase.Prepare(connection, """
                INSERT INTO executions (execution_arn, state_machine_arn, name, definition, status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed)
                VALUES ($arn, $machine, $name, $definition, $status, $start, $stop, $input, $output, $error, $cause, $virtual, $seed)
                """, "$arn", "$machine", "$name", "$definition", "$status", "$start", "$stop", "$input", "$output", "$error", "$cause", "$virtual", "$seed");
            _updateExecution = SqliteDatabase.Prepare(connection, """
                UPDATE executions SET status = $status, stop_date = $stop, output = $output, error = $error, cause = $cause WHERE execution_arn = $arn
                """, "$arn", "$status", "$stop", "$output", "$error", "$cause");
        }

        /// <summary>
        /// Commits the batch in one transaction. If any write fails (an execution that already exists, an event id
        /// used twice), the batch is rolled back and each write is tried in a transaction of its own, so that only
        /// the bad one fails.
        /// </summary>
        public bool IsDisposed { get; private set; }

        public Exception? Write(List<WriteOperation> batch)
        {
            try
            {
                using (var transaction = _connection.BeginTransaction(deferred: false))
                {
                    foreach (var operation in batch)
                        Apply(operation, transaction);
                    transaction.Commit();
                }

                foreach (var operation in batch)
                    operation.TrySetResult();
                return null;
            }
#pragma warning disable CA1031 // Each write's own failure is reported to its caller just below.
            catch (Exception)
#pragma warning restore CA1031
            {
                Exception? failure = null;
                foreach (var operation in batch)
                {
                    WriteAlone(operation);
                    // An append nobody awaits fails the store's barrier instead: the engine awaits that.
                    if (!operation.IsCreate && operation.Task.Exception?.InnerException is { } e)
                        failure ??= e;
                }

                return failure;
            }
        }

        private void WriteAlone(WriteOperation operation)
        {
            try
            {
                using (var transaction = _connection.BeginTransaction(deferred: false))
                {
                    Apply(operation, transaction);
                    transaction.Commit();
                }

                operation.TrySetResult();
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19 && operation.IsCreate)
            {
                operation.TrySetException(new InvalidOperationException($"an execution '{operation.ExecutionArn}' already exists", e));
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                operation.TrySetException(new InvalidOperationException($"an event of '{operation.ExecutionArn}' is already stored: {e.Message}", e));
            }
#pragma warning disable CA1031 // Reported to the caller of the write.
            catch (Exception e)
#pragma warning restore CA1031
            {
                operation.TrySetException(e);
            }
        }

        private void Apply(WriteOperation operation, SqliteTransaction transaction)
        {
            if (operation.IsCreate)
            {
                Insert(operation.Record!, transaction);
                return;
            }

            if (operation.Events is { } events)
            {
                _insertEvent.Transaction = transaction;
                var p = _insertEvent.Parameters;
                p[0].Value = operation.ExecutionArn;
                foreach (var e in events)
                {
                    p[1].Value = e.Id;
                    p[2].Value = e.PreviousEventId;
                    p[3].Value = e.Timestamp.UtcTicks;
                    p[4].Value = EventTypes.Name(e.Type);
                    p[5].Value = e.Frame.StartEventId;
                    p[6].Value = e.Frame.Index;
                    p[7].Value = (object?)HistoryDetailsCodec.Encode(e.Details) ?? DBNull.Value;
                    _insertEvent.ExecuteNonQuery();
                }
            }

            if (operation.Record is { } record)
            {
                _updateExecution.Transaction = transaction;
                var p = _updateExecution.Parameters;
                p[0].Value = record.ExecutionArn;
                p[1].Value = record.Status.ToString();
                p[2].Value = (object?)record.StopDate?.UtcTicks ?? DBNull.Value;
                p[3].Value = record.Output is { } output ? System.Text.Encoding.UTF8.GetBytes(output.ToJson()) : DBNull.Value;
                p[4].Value = (object?)record.Error ?? DBNull.Value;
                p[5].Value = (object?)record.Cause ?? DBNull.Value;
                if (_updateExecution.ExecuteNonQuery() == 0)
                    throw new InvalidOperationException($"no execution '{record.ExecutionArn}' to append to");
            }
        }

        private void Insert(ExecutionRecord record, SqliteTransaction transaction)
        {
            _insertExecution.Transaction = transaction;
            var p = _insertExecution.Parameters;
            p[0].Value = record.ExecutionArn;
            p[1].Value = record.StateMachineArn;
            p[2].Value = record.Name;
            p[3].Value = record.Definition;
            p[4].Value = record.Status.ToString();
            p[5].Value = record.StartDate.UtcTicks;
            p[6].Value = (object?)record.StopDate?.UtcTicks ?? DBNull.Value;
            p[7].Value = System.Text.Encoding.UTF8.GetBytes(record.Input.ToJson());
            p[8].Value = record.Output is { } output ? System.Text.Encoding.UTF8.GetBytes(output.ToJson()) : DBNull.Value;
            p[9].Value = (object?)record.Error ?? DBNull.Value;
            p[10].Value = (object?)record.Cause ?? DBNull.Value;
            p[11].Value = record.UsesVirtualClock ? 1 : 0;
            p[12].Value = record.RandomSeed;
            _insertExecution.ExecuteNonQuery();
        }

        public void Dispose()
        {
            if (IsDisposed)
                return;
            IsDisposed = true;
            _insertEvent.Dispose();
            _insertExecution.Dispose();
            _updateExecution.Dispose();
            _connection.Dispose();
        }
    }
}
