using System.Text;
using Microsoft.Data.Sqlite;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>The redo log in front of SQLite: what a crash leaves, writes too big for it, definitions kept once, and databases of format 2.</summary>
public sealed class SqliteStoreDurabilityTests
{
    private const string Definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);

    private static ExecutionRecord Record(string name, string definition = Definition, JsonValue? input = null) =>
        new($"arn:aws:states:us-east-1:123456789012:execution:M:{name}", "arn:aws:states:us-east-1:123456789012:stateMachine:M", name,
            definition, ExecutionStatus.RUNNING, Start, input ?? JsonValue.Parse("""{"n":1}"""))
        { RandomSeed = 7 };

    private static HistoryEvent[] Steps(long first, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new HistoryEvent(first + i, first + i - 1, Start.AddSeconds(first + i), HistoryEventType.PassStateEntered,
            new StateEnteredEventDetails("P", JsonObject.Create(("i", first + i)))))];

    private static long Count(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    [Test]
    public async Task A_crash_after_the_barrier_loses_nothing_the_barrier_confirmed()
    {
        using var folder = new TemporaryDirectory();
        using var crashed = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("sagebuild.db"), AppliesInBackground = false };
        var record = Record("survivor");
        var ended = record with { Status = ExecutionStatus.SUCCEEDED, StopDate = Start.AddSeconds(9), Output = JsonValue.Parse("[1,2]") };
        await using (var store = new SqliteExecutionStore(options))
        {
            await store.CreateExecutionAsync(record, default);
            await store.AppendAsync(record.ExecutionArn, Steps(1, 3), null, default);
            await store.AppendAsync(record.ExecutionArn, Steps(4, 2), ended, default);
            await store.EnsureStoredAsync(default);
            await store.CreateExecutionAsync(Record("unconfirmed"), default); // handed over, never confirmed

            // What kill -9 would leave on disk now: the files as they are, the store still open (cp, as .NET honours
            // the store's exclusive lock on its log).
            foreach (var file in new[] { "sagebuild.db", "sagebuild.db-wal", "sagebuild.db-redo" })
            {
                if (!File.Exists(folder.File(file)))
                    continue;
                using var copy = System.Diagnostics.Process.Start("cp", [folder.File(file), crashed.File(file)])!;
                await copy.WaitForExitAsync();
                Assert.That(copy.ExitCode, Is.Zero, $"cp {file}");
            }
        }

        Assert.That(Count(crashed.File("sagebuild.db"), "executions"), Is.Zero, "SQLite itself had nothing yet: only the redo log can bring it back");
        await using var reopened = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = crashed.File("sagebuild.db") });
        Assert.That(await reopened.GetExecutionAsync(record.ExecutionArn, default), Is.EqualTo(ended));
        Assert.That((await reopened.ReadHistoryAsync(record.ExecutionArn, default)).Select(e => e.Id), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
        Assert.That(await reopened.GetExecutionAsync(Record("unconfirmed").ExecutionArn, default), Is.Null);
        await reopened.AppendAsync(record.ExecutionArn, Steps(6, 1), null, default);
        await reopened.AppendAsync(record.ExecutionArn, Steps(3, 1), null, default);
        Assert.ThrowsAsync<InvalidOperationException>(async () => await reopened.EnsureStoredAsync(default), "the recovered history's last event is known: a repeat is refused");
        Assert.That((await reopened.ReadHistoryAsync(record.ExecutionArn, default)).Select(e => e.Id), Is.EqualTo(new long[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public async Task A_write_bigger_than_the_redo_log_goes_to_SQLite_directly()
    {
        using var folder = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("sagebuild.db"), RedoLogCapacity = 512, AppliesInBackground = false };
        var big = Record("big", input: JsonValue.Parse($$"""{"text":"{{new string('x', 4000)}}"}"""));
        await using (var store = new SqliteExecutionStore(options))
        {
            await store.CreateExecutionAsync(big, default);
            await store.AppendAsync(big.ExecutionArn, Steps(1, 2), null, default);
            await store.EnsureStoredAsync(default);
            Assert.That(Count(folder.File("sagebuild.db"), "executions"), Is.EqualTo(1), "stored by the barrier itself");
            Assert.That(new FileInfo(folder.File("sagebuild.db-redo")).Length, Is.LessThanOrEqualTo(512));
        }

        await using var reopened = new SqliteExecutionStore(options);
        Assert.That((await reopened.GetExecutionAsync(big.ExecutionArn, default))!.Input, Is.EqualTo(big.Input));
        Assert.That(await reopened.ReadHistoryAsync(big.ExecutionArn, default), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Keeps_each_definition_once_however_many_executions_run_it()
    {
        using var folder = new TemporaryDirectory();
        var other = """{"StartAt":"Q","States":{"Q":{"Type":"Succeed"}}}""";
        var options = new SqliteStoreOptions { DatabasePath = folder.File("sagebuild.db") };
        await using (var store = new SqliteExecutionStore(options))
        {
            foreach (var name in new[] { "a", "b", "c" })
                await store.CreateExecutionAsync(Record(name), default);
            await store.CreateExecutionAsync(Record("d", other), default);
            await store.EnsureStoredAsync(default);
        }

        Assert.That(Count(folder.File("sagebuild.db"), "definitions"), Is.EqualTo(2));
        await using (var store = new SqliteExecutionStore(options))
        {
            await store.CreateExecutionAsync(Record("e"), default); // after a reopen too
            var all = await store.ListExecutionsAsync(null, default);
            Assert.That(all.Select(r => (r.Name, r.Definition)), Is.EquivalentTo(new[] { ("a", Definition), ("b", Definition), ("c", Definition), ("d", other), ("e", Definition) }));
        }

        Assert.That(Count(folder.File("sagebuild.db"), "definitions"), Is.EqualTo(2));
    }

    [Test]
    public async Task Converts_a_database_of_format_2_keyed_by_execution_arn()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("sagebuild.db");
        var record = Record("old");
        var events = Steps(1, 3);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE executions (execution_arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL, definition TEXT NOT NULL,
                    status TEXT NOT NULL, start_date INTEGER NOT NULL, stop_date INTEGER, input BLOB NOT NULL, output BLOB, error TEXT, cause TEXT,
                    virtual_clock INTEGER NOT NULL, random_seed INTEGER NOT NULL);
                CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date);
                CREATE TABLE history_steps (execution_arn TEXT NOT NULL, first_event_id INTEGER NOT NULL, events BLOB NOT NULL,
                    PRIMARY KEY (execution_arn, first_event_id)) WITHOUT ROWID;
                INSERT INTO executions VALUES ($arn, $machine, 'old', $definition, 'RUNNING', $start, NULL, $input, NULL, NULL, NULL, 0, 7);
                INSERT INTO history_steps VALUES ($arn, 1, $events);
                """;
            create.Parameters.AddWithValue("$arn", record.ExecutionArn);
            create.Parameters.AddWithValue("$machine", record.StateMachineArn);
            create.Parameters.AddWithValue("$definition", Definition);
            create.Parameters.AddWithValue("$start", Start.UtcTicks);
            create.Parameters.AddWithValue("$input", Encoding.UTF8.GetBytes("""{"n":1}"""));
            create.Parameters.AddWithValue("$events", Format1History.Encode(events));
            create.ExecuteNonQuery();
        }

        await using var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path });
        Assert.That(await store.GetExecutionAsync(record.ExecutionArn, default), Is.EqualTo(record));
        Assert.That(await store.ReadHistoryAsync(record.ExecutionArn, default), Is.EqualTo(events));
        Assert.That(await store.ListRunningExecutionsAsync(default), Has.Count.EqualTo(1));
        await store.AppendAsync(record.ExecutionArn, Steps(4, 1), record with { Status = ExecutionStatus.SUCCEEDED, Output = JsonValue.Parse("1") }, default);
        await store.EnsureStoredAsync(default);
        Assert.That((await store.ReadHistoryAsync(record.ExecutionArn, default)).Select(e => e.Id), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
        Assert.That((await store.GetExecutionAsync(record.ExecutionArn, default))!.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
        Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateExecutionAsync(record, default), "its ARN is still taken");
    }

    [Test]
    public async Task Converts_a_database_of_format_3_whose_arns_had_a_unique_index()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("sagebuild.db");
        var ended = Record("ended") with { Status = ExecutionStatus.SUCCEEDED, StopDate = Start.AddSeconds(1), Output = JsonValue.Parse("2") };
        var running = Record("running");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE executions (id INTEGER PRIMARY KEY, execution_arn TEXT NOT NULL UNIQUE, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL,
                    definition_hash TEXT NOT NULL, status TEXT NOT NULL, start_date INTEGER NOT NULL, stop_date INTEGER, input BLOB NOT NULL, output BLOB,
                    error TEXT, cause TEXT, virtual_clock INTEGER NOT NULL, random_seed INTEGER NOT NULL, first_steps BLOB);
                CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date);
                CREATE TABLE history_steps (execution_id INTEGER NOT NULL, first_event_id INTEGER NOT NULL, events BLOB NOT NULL,
                    PRIMARY KEY (execution_id, first_event_id)) WITHOUT ROWID;
                CREATE TABLE definitions (hash TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE redo_state (applied_sequence INTEGER NOT NULL);
                INSERT INTO redo_state VALUES (0);
                INSERT INTO definitions VALUES ('h', $definition);
                INSERT INTO executions VALUES (1, $ended, $machine, 'ended', 'h', 'SUCCEEDED', $start, $stop, $input, X'32', NULL, NULL, 0, 7, $steps);
                INSERT INTO executions VALUES (2, $running, $machine, 'running', 'h', 'RUNNING', $start, NULL, $input, NULL, NULL, NULL, 0, 7, $steps);
                INSERT INTO history_steps VALUES (2, 4, $later);
                PRAGMA user_version = 3;
                """;
            create.Parameters.AddWithValue("$ended", ended.ExecutionArn);
            create.Parameters.AddWithValue("$running", running.ExecutionArn);
            create.Parameters.AddWithValue("$machine", ended.StateMachineArn);
            create.Parameters.AddWithValue("$definition", Definition);
            create.Parameters.AddWithValue("$start", Start.UtcTicks);
            create.Parameters.AddWithValue("$stop", Start.AddSeconds(1).UtcTicks);
            create.Parameters.AddWithValue("$input", Encoding.UTF8.GetBytes("""{"n":1}"""));
            create.Parameters.AddWithValue("$steps", Format1History.Encode(Steps(1, 3)));
            create.Parameters.AddWithValue("$later", Format1History.Encode(Steps(4, 2)));
            create.ExecuteNonQuery();
        }

        await using (var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path }))
        {
            Assert.That(await store.GetExecutionAsync(ended.ExecutionArn, default), Is.EqualTo(ended));
            Assert.That(await store.ReadHistoryAsync(running.ExecutionArn, default), Is.EqualTo(Steps(1, 3).Concat(Steps(4, 2))));
            Assert.That((await store.ListRunningExecutionsAsync(default)).Select(r => r.Name), Is.EqualTo(new[] { "running" }));
            Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateExecutionAsync(ended, default), "a converted ARN is still taken");
            await store.AppendAsync(running.ExecutionArn, Steps(6, 1), running with { Status = ExecutionStatus.SUCCEEDED, Output = JsonValue.Parse("1") }, default);
            await store.CreateExecutionAsync(Record("new"), default);
        }

        await using var reopened = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path });
        Assert.That((await reopened.ListExecutionsAsync(null, default)).Select(r => (r.Name, r.Status)),
            Is.EquivalentTo(new[] { ("ended", ExecutionStatus.SUCCEEDED), ("running", ExecutionStatus.SUCCEEDED), ("new", ExecutionStatus.RUNNING) }));
        Assert.That((await reopened.ReadHistoryAsync(running.ExecutionArn, default)).Select(e => e.Id), Is.EqualTo(new long[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(UserVersion(path), Is.EqualTo(6));
    }

    [Test]
    public async Task A_format_5_database_finds_its_time_ordered_names_by_their_new_keys()
    {
        // Format 5 keyed every ARN by its hash; format 6 keys a time-ordered UUID name by its time. A database written
        // before must still find (and keep unique) an execution a user named so.
        using var folder = new TemporaryDirectory();
        var path = folder.File("sagebuild.db");
        var named = Record("0190a5e2-7b1c-7d3e-9f00-123456789abc");
        var other = Record("plain-name");
        await using (var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path }))
        {
            await store.CreateExecutionAsync(named, default);
            await store.CreateExecutionAsync(other, default);
            await store.EnsureStoredAsync(default);
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "UPDATE executions SET arn_key = $hash WHERE name = $name; PRAGMA user_version = 5;";
            downgrade.Parameters.AddWithValue("$hash", unchecked((long)System.IO.Hashing.XxHash3.HashToUInt64(Encoding.Unicode.GetBytes(named.ExecutionArn))));
            downgrade.Parameters.AddWithValue("$name", named.Name);
            downgrade.ExecuteNonQuery();
        }

        await using (var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path }))
        {
            Assert.That((await store.GetExecutionAsync(named.ExecutionArn, default))?.Name, Is.EqualTo(named.Name), "found by its new key");
            Assert.That((await store.GetExecutionAsync(other.ExecutionArn, default))?.Name, Is.EqualTo(other.Name), "other keys are unchanged");
            Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateExecutionAsync(named, default), "the name is still taken");
        }

        Assert.That(UserVersion(path), Is.EqualTo(6));
    }

    private static long UserVersion(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }
}
