using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// The path of a write: queued (<see cref="Enqueue"/>), logged (<see cref="LogQueued"/>: packed and copied into the
/// redo log as one frame), applied (<see cref="ApplyLogged"/>: put into SQLite with the frame's number, in one
/// transaction). Logging happens on whoever needs it durable (the barrier) or on the background thread, whichever comes
/// first; applying on the background thread, or on a reader that needs SQLite up to date.
/// </summary>
/// <remarks>
/// Locks are taken in this order only: log, then apply; the queue and logged-list locks are held for list swaps only.
/// The log rewinds to its start whenever SQLite holds every frame written, so it stays small and hot in the page cache;
/// a frame that does not fit waits for SQLite to catch up, and one bigger than the whole log goes to SQLite directly
/// (a committed transaction is as durable as a logged frame).
/// </remarks>
public sealed partial class SqliteExecutionStore
{
    private readonly bool _survivesPowerLoss;
    private readonly bool _appliesInBackground;
    private readonly Lock _queueLock = new();
    private List<StoreWrite> _queue = new(64);
    private List<StoreWrite> _queueSpare = new(64);
    private long _queueGeneration; // counts the queues taken by LogQueued (under the queue lock)

    private readonly Lock _logLock = new();
    private readonly RedoLog _log;
    private readonly RedoFrameCodec _frames = new();
    private readonly HistoryStepCodec _codec = new();
    private readonly Dictionary<long, StoreWrite> _merging = [];

    // The definitions SQLite holds, or a write logged before the one being logged stores: a creation stores its
    // definition's text only when it is not among them. (The log rewinds only once SQLite holds every logged write.)
    private readonly HashSet<string> _knownDefinitions = new(StringComparer.Ordinal);
    private long _loggedSequence;

    private readonly Lock _loggedLock = new();
    private List<StoreWrite> _logged = new(64);
    private List<StoreWrite> _loggedSpare = new(64);
    private long _loggedUpTo;

    private readonly Lock _applyLock = new();
    private readonly SqliteApplier _applier;

    private readonly long _checkpointBytes;
    private long _uncheckpointedWalBytes;
    private SqliteConnection? _checkpointer;

    private const int EagerBatch = 2048;
    private static readonly TimeSpan BackgroundDelay = TimeSpan.FromMilliseconds(5);
    private readonly Timer _timer;
    private int _scheduled;
    private readonly Thread _worker;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _wakeRequested;
    private volatile bool _closing;
    private bool _closed;
    private Exception? _failure;

    /// <summary>Stores what is handed over and closes the database (and deletes the redo log, then empty).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc cref="DisposeAsync" />
    public void Dispose()
    {
        if (_closing)
            return;
        _closing = true;
        _timer.Dispose();
        Wake();
        _worker.Join();
        _checkpointer?.Dispose();
        lock (_logLock)
        {
            var everything = _failure is null;
            try
            {
                ApplyEverything();
            }
#pragma warning disable CA1031 // A store that cannot write keeps its log: the next opening applies it.
            catch (Exception)
#pragma warning restore CA1031
            {
                everything = false;
            }

            lock (_queueLock)
                _closed = true;
            lock (_applyLock)
                _applier.Dispose();
            _log.Dispose();
            if (everything && _applier.AppliedSequence == _loggedSequence)
                File.Delete(_log.Path);
        }

        lock (_existsLock)
        {
            _exists?.Dispose();
            _exists = null;
            _existsConnection?.Dispose();
            _existsConnection = null;
        }

        _database.CloseIdleConnections();
        _wake.Dispose();
    }

    private void Fail(Exception failure) => Interlocked.CompareExchange(ref _failure, failure, null);

    // An append joins its execution's last write when that is still in the queue (a Parallel's branches, an execution's
    // steps between two barriers): one write, no new object, and nothing for Merge to do.
    private void EnqueueAppend(OpenExecution execution, string executionArn, HistoryEvent[] events, ExecutionRecord? record)
    {
        lock (_queueLock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (execution.Queued is { } queued && execution.QueuedIn == _queueGeneration && queued.TryAbsorb(events, record))
                return;
        }

        Enqueue(StoreWrite.Append(execution.Id, executionArn, events, record), execution);
    }

    private void Enqueue(StoreWrite write, OpenExecution? execution = null)
    {
        int count;
        lock (_queueLock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _queue.Add(write);
            count = _queue.Count;
            if (execution is not null)
                (execution.Queued, execution.QueuedIn) = (write, _queueGeneration);
        }

        // A long queue is packed and logged here, by the engine, and put into SQLite at once on the background thread,
        // on the other core: the engine has cycles to spare while SQLite is the slower half. A short queue waits a moment
        // for whatever joins it (one SQLite transaction for all), and is then logged by the background thread.
        if (!_appliesInBackground)
            return;
        if (count >= EagerBatch)
        {
            LogQueued();
            Wake();
        }
        else if (count == 1)
        {
            ScheduleBackground();
        }
    }

    // The background thread runs BackgroundDelay after the first write nobody has taken yet.
    private void ScheduleBackground()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
            _timer.Change(BackgroundDelay, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        Volatile.Write(ref _scheduled, 0);
        Wake();
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakeRequested, 1) == 0)
            _wake.Release();
    }

    private void WorkInBackground()
    {
        while (true)
        {
            _wake.Wait();
            Volatile.Write(ref _wakeRequested, 0);
            if (_closing)
                return;
            try
            {
                LogQueued();
                ApplyLogged();
                CheckpointIfDue();
            }
#pragma warning disable CA1031 // Reported by the barrier, to whoever needs the writes stored.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Fail(e);
            }
        }
    }

    // On the background thread, mostly outside the apply lock: a PASSIVE checkpoint copies the WAL's frames into the
    // database file while the applier (a reader's apply, the next batch) goes on committing beside it, as SQLite allows
    // one checkpointer beside one writer. The applier's own connection never checkpoints (SqliteApplier); without the
    // background thread (a test setting) the WAL is checkpointed when the store closes.
    // It waits for a moment with nothing queued or logged (a burst of writes goes on unhindered, and the copy is done
    // once for the whole burst) unless the WAL has grown four times past the threshold.
    private void CheckpointIfDue()
    {
        var bytes = Interlocked.Add(ref _uncheckpointedWalBytes, _applier.TakeWalBytes());
        if (bytes < _checkpointBytes || (bytes < 4 * _checkpointBytes && HasWorkWaiting()))
            return;
        Interlocked.Exchange(ref _uncheckpointedWalBytes, 0);
        _checkpointer ??= _database.Open();
        for (var pass = 0; pass < 3 && Checkpoint(_checkpointer) > FramesToFinishLocked; pass++)
        {
            // Each pass copies what the applier committed during the one before, fewer frames each time.
        }

        // SQLite starts the WAL again from its beginning only once a checkpoint has copied its every frame; beside an
        // applier that never pauses none did, and the file grew without end (a gigabyte in ten seconds of the
        // benchmark's small executions). The last frames are therefore copied under the apply lock, with no commit
        // beside: a moment's wait for the applier, and the next commit writes the WAL from its start.
        lock (_applyLock)
            Checkpoint(_checkpointer);
    }

    // A checkpoint's last pass, under the apply lock, copies at most about this many frames (4 KB each).
    private const long FramesToFinishLocked = 256;

    // A PASSIVE checkpoint; returns how many of the WAL's frames it left uncopied.
    private static long Checkpoint(SqliteConnection connection)
    {
        using var command = SqliteDatabase.Prepare(connection, "PRAGMA wal_checkpoint(PASSIVE);");
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) - reader.GetInt64(2) : 0;
    }

    private bool HasWorkWaiting()
    {
        lock (_queueLock)
        {
            if (_queue.Count > 0)
                return true;
        }

        lock (_loggedLock)
            return _logged.Count > 0;
    }

    /// <summary>Brings SQLite up to date with everything handed over so far (for a reader).</summary>
    private void ApplyEverything()
    {
        LogQueued();
        ApplyLogged();
    }

    // Packs and logs every write queued so far, as one frame, then hands it to the apply side.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LogQueued()
    {
        lock (_logLock)
        {
            List<StoreWrite> batch;
            lock (_queueLock)
            {
                if (_queue.Count == 0)
                    return;
                batch = _queue;
                _queue = _queueSpare;
                _queueSpare = batch;
                _queueGeneration++;
            }

            Merge(batch);
            foreach (var write in batch)
            {
                if (write.DefinitionHash is { } hash)
                    write.StoresDefinition = _knownDefinitions.Add(hash);
                write.Pack(_codec);
            }

            var sequence = _loggedSequence + 1;
            var frame = _frames.Encode(batch);
            var direct = !TryLog(sequence, frame);
            lock (_loggedLock)
            {
                _logged.AddRange(batch);
                _loggedUpTo = sequence;
            }

            _loggedSequence = sequence;
            batch.Clear();
            if (direct)
                ApplyLogged();
            else if (_appliesInBackground)
                ScheduleBackground();
        }
    }

    // Under the log lock: each execution's writes, in order, absorbed into its first one where they can be (a frame
    // entry, a packing and a row for a run of steps instead of one each). Other executions' writes are independent.
    private void Merge(List<StoreWrite> batch)
    {
        var kept = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i];
            if (_merging.TryGetValue(write.ExecutionId, out var earlier) && earlier.TryAbsorb(write))
                continue;
            _merging[write.ExecutionId] = write;
            batch[kept++] = write;
        }

        batch.RemoveRange(kept, batch.Count - kept);
        _merging.Clear();
    }

    // Under the log lock. False when the frame is bigger than the whole log: the caller applies it directly.
    private bool TryLog(long sequence, ArraySegment<byte> frame)
    {
        if (_log.Length > 0 && _applier.AppliedSequence == _loggedSequence)
            _log.Rewind();
        if (!_log.TryAppend(sequence, frame))
        {
            ApplyLogged();
            _log.Rewind();
            if (!_log.TryAppend(sequence, frame))
                return false;
        }

        if (_survivesPowerLoss)
            _log.FlushToDisk();
        return true;
    }

    // Puts every logged write into SQLite, a transaction per batch taken.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ApplyLogged()
    {
        lock (_applyLock)
        {
            while (true)
            {
                List<StoreWrite> batch;
                long upTo;
                lock (_loggedLock)
                {
                    if (_logged.Count == 0)
                        return;
                    batch = _logged;
                    _logged = _loggedSpare;
                    _loggedSpare = batch;
                    upTo = _loggedUpTo;
                }

                ObjectDisposedException.ThrowIf(_applier.IsDisposed, this);
                var failures = _applier.Apply(batch, upTo);
                foreach (var write in batch)
                {
                    if (write.Created is not null)
                        _unappliedCreates.TryRemove(write.ExecutionArn, out _);
                }

                if (failures is { Count: > 0 })
                    Fail(failures[0].Reason);
                batch.Clear();
            }
        }
    }

    // Opening: SQLite takes the logged frames it does not hold yet (a crash came between the log and SQLite).
    private void Recover()
    {
        var applied = _applier.AppliedSequence;
        var frames = _log.ReadFrames().Where(f => f.Sequence > applied).ToList();
        if (frames.Count > 0)
        {
            if (frames[0].Sequence != applied + 1)
                throw new InvalidOperationException($"{_log.Path} starts at write {frames[0].Sequence}, but {_database.Path} holds writes up to {applied} only: writes {applied + 1} to {frames[0].Sequence - 1} are missing. Nothing was changed.");
            var writes = frames.SelectMany(f => RedoFrameCodec.Decode(f.Payload)).ToList();
            // Failures here are writes refused when first made (and reported then): skipping them again is right.
            _applier.Apply(writes, frames[^1].Sequence);
        }

        _loggedSequence = _applier.AppliedSequence;
        _log.Rewind();
    }
}
