using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores.Sqlite;

public sealed partial class SqliteExecutionStore
{
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Writer _writer;
    private readonly Task _writing;

    /// <summary>Stops taking writes, waits for the queued ones to commit and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        _writer.Dispose();
    }

    /// <inheritdoc cref="DisposeAsync" />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task Enqueue(WriteOperation operation)
    {
        if (!_queue.Writer.TryWrite(operation))
            throw new ObjectDisposedException(nameof(SqliteExecutionStore), "the store is closed");
        return operation.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<WriteOperation>(64);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < 4096 && reader.TryRead(out var operation))
                batch.Add(operation);
            _writer.Write(batch);
            batch.Clear();
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
        public void Write(List<WriteOperation> batch)
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
            }
#pragma warning disable CA1031 // Each write's own failure is reported to its caller just below.
            catch (Exception)
#pragma warning restore CA1031
            {
                foreach (var operation in batch)
                    WriteAlone(operation);
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
            _insertEvent.Dispose();
            _insertExecution.Dispose();
            _updateExecution.Dispose();
            _connection.Dispose();
        }
    }
}
