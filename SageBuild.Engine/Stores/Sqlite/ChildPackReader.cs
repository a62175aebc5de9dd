using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>Reads the children <see cref="ChildPackWriter"/> packed: one by its ARN, or all of a state machine.</summary>
internal static class ChildPackReader
{
    private const string Columns = "p.state_machine_arn, p.arn_prefix, coalesce(d.text, ''), p.children FROM child_packs p LEFT JOIN definitions d ON d.hash = p.definition_hash";

    /// <summary>
    /// The packed child of <paramref name="executionArn"/>, with its history added to <paramref name="events"/> when
    /// given; null when no pack holds it (its name is no child's, or it is stored in a row of its own).
    /// </summary>
    public static ExecutionRecord? Find(SqliteConnection connection, string executionArn, List<HistoryEvent>? events)
    {
        var name = executionArn.AsSpan(executionArn.LastIndexOf(':') + 1);
        if (!ChildExecutionAddress.TryParse(name, out var tag, out var index))
            return null;
        using var command = SqliteDatabase.Prepare(connection, $"SELECT {Columns} WHERE p.run_tag = $tag AND p.bucket = $bucket", "$tag", "$bucket");
        command.Parameters[0].Value = (long)tag;
        command.Parameters[1].Value = index / ChildPackWriter.BucketSize;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var prefix = reader.GetString(1);
            if (executionArn.Length != prefix.Length + name.Length || !executionArn.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            var children = new PackedReader((byte[])reader.GetValue(3));
            while (!children.AtEnd)
            {
                var item = (int)children.Varint();
                var entry = children.Utf8();
                if (item != index)
                    continue;
                var record = Read(entry, reader.GetString(0), prefix, reader.GetString(2), events);
                return record.Name.AsSpan().SequenceEqual(name) ? record : null;
            }
        }

        return null;
    }

    /// <summary>Adds the packed children of <paramref name="stateMachineArn"/> (of every machine when null) to <paramref name="records"/>.</summary>
    public static void AddAll(SqliteConnection connection, string? stateMachineArn, List<ExecutionRecord> records)
    {
        using var command = stateMachineArn is null
            ? SqliteDatabase.Prepare(connection, $"SELECT {Columns}")
            : SqliteDatabase.Prepare(connection, $"SELECT {Columns} WHERE p.state_machine_arn = $machine", "$machine");
        if (stateMachineArn is not null)
            command.Parameters[0].Value = stateMachineArn;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var (machine, prefix, definition) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            var children = new PackedReader((byte[])reader.GetValue(3));
            while (!children.AtEnd)
            {
                children.Varint();
                records.Add(Read(children.Utf8(), machine, prefix, definition, null));
            }
        }
    }

    /// <summary>How many children the packs hold, and the largest execution id among them (0 with none).</summary>
    public static (long Count, long LastId) Totals(SqliteDatabase database)
    {
        using var connection = database.OpenForReading();
        using var command = SqliteDatabase.Prepare(connection, "SELECT coalesce(sum(length(arn_keys)), 0) / 8, coalesce(max(last_id), 0) FROM child_packs");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Adds every packed child's ARN key to <paramref name="filter"/>.</summary>
    public static void AddKeys(SqliteConnection connection, ExecutionArnFilter filter)
    {
        using var command = SqliteDatabase.Prepare(connection, "SELECT arn_keys FROM child_packs");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var keys = (byte[])reader.GetValue(0);
            for (var at = 0; at + sizeof(long) <= keys.Length; at += sizeof(long))
                filter.Add(BinaryPrimitives.ReadInt64LittleEndian(keys.AsSpan(at)));
        }
    }

    private static ExecutionRecord Read(ReadOnlySpan<byte> entry, string machine, string prefix, string definition, List<HistoryEvent>? events)
    {
        var reader = new PackedReader(entry);
        reader.Varint(); // the execution id, which only keeps ids unique across a restart (Totals)
        var name = reader.Text()!;
        var start = new DateTimeOffset(reader.Signed(), TimeSpan.Zero);
        var status = Enum.Parse<ExecutionStatus>(reader.Text()!);
        var stop = reader.OptionalSigned();
        var input = JsonValue.Parse(reader.Utf8());
        var output = reader.Json();
        var error = reader.Text();
        var cause = reader.Text();
        var virtualClock = reader.Byte() != 0;
        var seed = (int)reader.Signed();
        var history = reader.Utf8();
        if (events is not null)
            HistoryStepCodec.Decode(history, events);
        return new ExecutionRecord(prefix + name, machine, name, definition, status, start, input)
        {
            StopDate = stop is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
            Output = output,
            Error = error,
            Cause = cause,
            UsesVirtualClock = virtualClock,
            RandomSeed = seed,
        };
    }
}
