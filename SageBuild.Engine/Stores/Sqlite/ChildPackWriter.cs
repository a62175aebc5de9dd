using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Stores the ended children of a distributed Map that one apply batch holds whole (created, run and ended in it, as a
/// child of Pass states always is) packed <see cref="BucketSize"/> to a row of <c>child_packs</c> rather than a row
/// each in <c>executions</c>, whose row and two index entries per child cost more than all else the store does for it.
/// A child's name says where its row is (<see cref="ChildExecutionAddress"/>): its Map Run's tag and its item's bucket.
/// Used by the applier, under the store's apply lock.
/// </summary>
/// <remarks>
/// A row holds its children's records and histories (<see cref="ChildPackReader"/> reads them) and their ARN keys
/// (<see cref="ExecutionArnKey"/>, for the filter that keeps ARNs unique). Children of one bucket that end in other
/// batches go to other rows of the same bucket.
/// </remarks>
internal sealed class ChildPackWriter : IDisposable
{
    /// <summary>How many items' children share a bucket (a row, when they end in one batch).</summary>
    public const int BucketSize = 64;

    // A batch of a large Map Run fills hundreds of packs; keeping them all would hold megabytes between batches.
    private const int KeptPacks = 32;

    private readonly RawStatement _insert;
    private readonly PackedWriter _entry = new();
    private readonly Dictionary<(long Tag, int Bucket), Pack> _packs = [];
    private readonly List<Pack> _order = [];
    private readonly Stack<Pack> _free = new();

    public ChildPackWriter(SqliteConnection connection) => _insert = new RawStatement(connection, """
        INSERT INTO child_packs (run_tag, bucket, state_machine_arn, arn_prefix, definition_hash, last_id, arn_keys, children)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        """);

    /// <summary>
    /// Takes an ended child created in this batch, with all its events (<paramref name="events"/>), into its bucket's
    /// pack; false for any other execution (stored in a row of its own).
    /// </summary>
    public bool TryAdd(StoreWrite creation, ExecutionRecord record, ExecutionOutcome outcome, byte[] events)
    {
        var arn = creation.ExecutionArn;
        var name = record.Name;
        if (outcome.Status == ExecutionStatus.RUNNING || creation.DefinitionHash is not { } hash
            || !record.StateMachineArn.Contains('/', StringComparison.Ordinal) || !arn.EndsWith(name, StringComparison.Ordinal)
            || !ChildExecutionAddress.TryParse(name, out var tag, out var index))
            return false;
        var prefix = arn.AsSpan(0, arn.Length - name.Length);
        var key = ((long)tag, index / BucketSize);
        if (!_packs.TryGetValue(key, out var pack))
        {
            pack = _free.Count > 0 ? _free.Pop() : new Pack();
            pack.Start(key, record.StateMachineArn, prefix.ToString(), hash);
            _packs.Add(key, pack);
            _order.Add(pack);
        }
        else if (!pack.Holds(record.StateMachineArn, prefix, hash))
        {
            return false;
        }

        _entry.Reset();
        _entry.Varint((ulong)creation.ExecutionId);
        _entry.Text(name);
        _entry.Signed(record.StartDate.UtcTicks);
        _entry.Text(outcome.Status.ToString());
        _entry.OptionalSigned(outcome.StopDate?.UtcTicks);
        _entry.Utf8(creation.InputJson);
        _entry.Utf8(outcome.OutputJson, outcome.OutputJson is null);
        _entry.Text(outcome.Error);
        _entry.Text(outcome.Cause);
        _entry.Byte(record.UsesVirtualClock ? (byte)1 : (byte)0);
        _entry.Signed(record.RandomSeed);
        _entry.Utf8(events);
        pack.Add(index, creation.ExecutionId, creation.ArnKey, _entry.Written);
        return true;
    }

    /// <summary>Inserts the packs of the batch (in the batch's transaction).</summary>
    public void WriteAll()
    {
        foreach (var pack in _order)
        {
            var (tag, bucket) = pack.Key;
            _insert.Bind(1, tag);
            _insert.Bind(2, bucket);
            _insert.Bind(3, pack.StateMachineArn);
            _insert.Bind(4, pack.ArnPrefix);
            _insert.Bind(5, pack.DefinitionHash);
            _insert.Bind(6, pack.LastId);
            _insert.Bind(7, pack.Keys.WrittenSpan);
            _insert.Bind(8, pack.Children.Written);
            _insert.Execute();
        }
    }

    /// <summary>Forgets the batch's packs (written or not), keeping a few for the next batch.</summary>
    public void Clear()
    {
        foreach (var pack in _order)
        {
            if (_free.Count < KeptPacks)
                _free.Push(pack);
            else
                pack.Children.Dispose();
        }

        _order.Clear();
        _packs.Clear();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _entry.Dispose();
        foreach (var pack in _order.Concat(_free))
            pack.Children.Dispose();
    }

    private sealed class Pack
    {
        public PackedWriter Children { get; } = new();

        public ArrayBufferWriter<byte> Keys { get; } = new(BucketSize * sizeof(long));

        public string StateMachineArn { get; private set; } = "";

        public string ArnPrefix { get; private set; } = "";

        public string DefinitionHash { get; private set; } = "";

        public long LastId { get; private set; }

        public (long Tag, int Bucket) Key { get; private set; }

        public void Start((long Tag, int Bucket) key, string stateMachineArn, string arnPrefix, string definitionHash)
        {
            Key = key;
            StateMachineArn = stateMachineArn;
            ArnPrefix = arnPrefix;
            DefinitionHash = definitionHash;
            LastId = 0;
            Children.Reset();
            Keys.ResetWrittenCount();
        }

        public bool Holds(string stateMachineArn, ReadOnlySpan<char> arnPrefix, string definitionHash) =>
            stateMachineArn == StateMachineArn && arnPrefix.SequenceEqual(ArnPrefix) && definitionHash == DefinitionHash;

        // Each child: its item's index, then its entry as a length-prefixed blob (a reader skips the others).
        public void Add(int index, long executionId, long arnKey, ReadOnlySpan<byte> entry)
        {
            Children.Varint((ulong)index);
            Children.Utf8(entry);
            BinaryPrimitives.WriteInt64LittleEndian(Keys.GetSpan(sizeof(long)), arnKey);
            Keys.Advance(sizeof(long));
            LastId = Math.Max(LastId, executionId);
        }
    }
}
