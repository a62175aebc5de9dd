using System.Text;
using Microsoft.Data.Sqlite;
using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// Databases of format 1 (one history_events row per event, details as JSON), as SageBuild wrote them before histories
/// moved to one row per step: opening one converts it (to format 2, then on to the current format) and every execution
/// and its whole history read back as they were; a row that cannot be read leaves the file as it was, and the message
/// names the row.
/// </summary>
public sealed class Format1MigrationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 22, 10, 0, 123, TimeSpan.Zero);
    private const string Machine = "arn:aws:states:us-east-1:123456789012:stateMachine:Old";
    private const string Definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
    private const string OtherDefinition = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}}""";

    // The schema format 1 created (SqliteDatabase before history_steps), as it was.
    private const string Format1Schema = """
        CREATE TABLE IF NOT EXISTS state_machines (
            state_machine_arn TEXT PRIMARY KEY, name TEXT NOT NULL, definition TEXT NOT NULL, role_arn TEXT NOT NULL, type TEXT NOT NULL, creation_date INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS executions (
            execution_arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL, definition TEXT NOT NULL, status TEXT NOT NULL,
            start_date INTEGER NOT NULL, stop_date INTEGER, input BLOB NOT NULL, output BLOB, error TEXT, cause TEXT, virtual_clock INTEGER NOT NULL, random_seed INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (state_machine_arn, start_date);
        CREATE INDEX IF NOT EXISTS executions_by_status ON executions (status);
        CREATE TABLE IF NOT EXISTS history_events (
            execution_arn TEXT NOT NULL, event_id INTEGER NOT NULL, previous_event_id INTEGER NOT NULL, timestamp INTEGER NOT NULL, type TEXT NOT NULL,
            frame_start INTEGER NOT NULL, frame_index INTEGER NOT NULL, details BLOB, PRIMARY KEY (execution_arn, event_id)) WITHOUT ROWID;
        """;

    [Test]
    public async Task Converts_a_database_of_format_1_and_reads_back_every_execution_and_its_whole_history()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("sagebuild.db");
        var executions = Executions();
        CreateFormat1Database(path, executions);

        await using (var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path }))
        {
            foreach (var (record, events) in executions)
            {
                Assert.That(await store.GetExecutionAsync(record.ExecutionArn, default), Is.EqualTo(record), $"the record of {record.Name}");
                Assert.That(await store.ReadHistoryAsync(record.ExecutionArn, default), Is.EqualTo(events), $"the history of {record.Name}");
            }

            Assert.That((await store.ListExecutionsAsync(Machine, default)).Select(r => r.Name), Is.EquivalentTo(executions.Select(e => e.Record.Name)));
            Assert.That((await store.ListRunningExecutionsAsync(default)).Select(r => r.Name), Is.EquivalentTo(new[] { "long", "empty" }));

            // A converted history goes on where it stopped.
            var (running, history) = executions[1];
            var next = new HistoryEvent(history.Length + 1, history.Length, Start.AddMinutes(5), HistoryEventType.ExecutionSucceeded, new OutputEventDetails(JsonValue.Parse("7")));
            await store.AppendAsync(running.ExecutionArn, [next], running with { Status = ExecutionStatus.SUCCEEDED, StopDate = next.Timestamp, Output = JsonValue.Parse("7") }, default);
            await store.EnsureStoredAsync(default);
            Assert.That(await store.ReadHistoryAsync(running.ExecutionArn, default), Is.EqualTo([.. history, next]));
        }

        Assert.Multiple(() =>
        {
            Assert.That(Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'history_events'"), Is.Zero, "history_events is gone");
            Assert.That(Scalar(path, "PRAGMA user_version"), Is.GreaterThanOrEqualTo(3), "the current format");
            Assert.That(Scalar(path, "SELECT count(*) FROM state_machines"), Is.EqualTo(1), "state machines are kept");
        });
    }

    [Test]
    public async Task An_execution_left_running_in_a_database_of_format_1_resumes_after_the_conversion()
    {
        // A real history, cut in a Wait: recorded by today's engine, then written as format 1 stored it.
        using var folder = new TemporaryDirectory();
        var today = folder.File("today.db");
        var old = folder.File("format1.db");
        ExecutionRecord record;
        IReadOnlyList<HistoryEvent> recorded;
        await using (var engine = new EngineBuilder().UseSqlite(today).Build())
        {
            var machine = engine.CreateStateMachine("Old", AslJson.Parse("""
                {"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":1,"Next":"Done"},"Done":{"Type":"Pass","Result":{"done":true},"End":true}}}
                """));
            var arn = (await engine.StartExecutionAsync(machine.StateMachineArn, JsonObject.Create(("n", 1)))).ExecutionArn;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!(await engine.GetExecutionHistoryAsync(arn)).Any(e => e.Type == HistoryEventType.WaitStateEntered) && watch.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(10);
            record = await engine.DescribeExecutionAsync(arn);
            recorded = await engine.GetExecutionHistoryAsync(arn);
        }

        Assert.That(record.Status, Is.EqualTo(ExecutionStatus.RUNNING), "the engine went down in the Wait");
        CreateFormat1Database(old, [(record, [.. recorded])], copyStateMachinesFrom: today);

        await using var resumed = new EngineBuilder().UseSqlite(old).Build();
        await resumed.ResumeAsync();
        var ended = await resumed.WaitForExecutionAsync(record.ExecutionArn).WaitAsync(TimeSpan.FromSeconds(30));
        var history = await resumed.GetExecutionHistoryAsync(record.ExecutionArn);
        Assert.Multiple(() =>
        {
            Assert.That((ended.Status, ended.Output), Is.EqualTo((ExecutionStatus.SUCCEEDED, (JsonValue?)JsonValue.Parse("""{"done":true}"""))));
            Assert.That(history.Take(recorded.Count), Is.EqualTo(recorded), "the converted events come first, unchanged");
            Assert.That(history.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, history.Count).Select(i => (long)i)));
        });
    }

    [TestCase("details", "X'7B226B223A'", TestName = "A_format_1_row_whose_details_are_not_JSON_leaves_the_file_unchanged_and_is_named")]
    [TestCase("type", "'TaskExploded'", TestName = "A_format_1_row_of_an_unknown_event_type_leaves_the_file_unchanged_and_is_named")]
    [TestCase("timestamp", "'yesterday'", TestName = "A_format_1_row_whose_timestamp_is_not_a_number_leaves_the_file_unchanged_and_is_named")]
    public void A_corrupt_format_1_row_leaves_the_file_unchanged_and_the_message_names_it(string column, string value)
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("sagebuild.db");
        var executions = Executions();
        CreateFormat1Database(path, executions);
        var corrupt = executions[1].Record.ExecutionArn;
        using (var connection = Connect(path))
        {
            using var update = connection.CreateCommand();
#pragma warning disable CA2100 // The test's own column names and literals.
            update.CommandText = $"UPDATE history_events SET {column} = {value} WHERE execution_arn = $arn AND event_id = 1234";
#pragma warning restore CA2100
            update.Parameters.AddWithValue("$arn", corrupt);
            Assert.That(update.ExecuteNonQuery(), Is.EqualTo(1));
        }

        var before = File.ReadAllBytes(path);
        var error = Assert.Throws<InvalidOperationException>(() => new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path }).DisposeAsync().AsTask().GetAwaiter().GetResult())!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("format 1").And.Contain($"execution '{corrupt}', event_id 1234").And.Contain("nothing in it was changed"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before), "nothing in the database is changed: the conversion is all or nothing");
        Assert.That(Scalar(path, "SELECT count(*) FROM history_events"), Is.EqualTo(executions.Sum(e => e.Events.Length)));
    }

    [Test]
    public void A_history_events_table_without_the_columns_of_format_1_is_refused_unchanged()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("sagebuild.db");
        using (var connection = Connect(path))
        {
            using var create = connection.CreateCommand();
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE history_events (execution_arn TEXT, event_id INTEGER, body TEXT); INSERT INTO history_events VALUES ('arn', 1, '{}');";
            create.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(path);
        var error = Assert.Throws<InvalidOperationException>(() => new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path }).DisposeAsync().AsTask().GetAwaiter().GetResult())!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("not the columns format 1 gave it").And.Contain("Nothing in it was changed"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
    }

    // Three executions: one ended, with every kind of details format 1 stored; one still running, longer than a
    // converted row holds (so it spans three); one started with no events yet.
    private static (ExecutionRecord Record, HistoryEvent[] Events)[] Executions()
    {
        var data = JsonValue.Parse("""{"a":[1,2.0,"x"],"b":null,"s":"é"}""");
        (HistoryEventType, HistoryEventDetails?)[] kinds =
        [
            (HistoryEventType.ExecutionStarted, new ExecutionStartedEventDetails(data, "arn:aws:iam::123456789012:role/R", "abc")),
            (HistoryEventType.MapStateEntered, new StateEnteredEventDetails("M", data)),
            (HistoryEventType.MapStateStarted, new MapStateStartedEventDetails(3)),
            (HistoryEventType.MapIterationStarted, new MapIterationEventDetails("M", 2)),
            (HistoryEventType.MapRunStarted, new MapRunStartedEventDetails("arn:aws:states:us-east-1:123456789012:mapRun:Old/M:x")),
            (HistoryEventType.TaskScheduled, new TaskScheduledEventDetails("lambda", "invoke", "us-east-1", data, 10, null)),
            (HistoryEventType.TaskStarted, new TaskStartedEventDetails("lambda", "invoke")),
            (HistoryEventType.TaskSucceeded, new TaskOutputEventDetails("lambda", "invoke", data)),
            (HistoryEventType.LambdaFunctionScheduled, new ResourceScheduledEventDetails("arn:aws:lambda:us-east-1:123456789012:function:f", data, null, 5)),
            (HistoryEventType.TaskFailed, new ErrorEventDetails("States.TaskFailed", "boom", "lambda", "invoke")),
            (HistoryEventType.MapStateExited, new StateExitedEventDetails("M", data, JsonObject.Create(("v", 1)))),
            (HistoryEventType.MapIterationSucceeded, null),
            (HistoryEventType.ExecutionSucceeded, new OutputEventDetails(data)),
        ];
        var done = kinds.Select((k, i) => new HistoryEvent(i + 1, i, Start.AddMilliseconds(i * 7), k.Item1, k.Item2) { Frame = new FrameKey(i % 4 == 0 ? 0 : 3, i % 3) }).ToArray();
        var running = Enumerable.Range(1, (2 * Format1Migration.EventsPerRow) + 345)
            .Select(i => new HistoryEvent(i, i - 1, Start.AddSeconds(i), i % 2 == 1 ? HistoryEventType.PassStateEntered : HistoryEventType.PassStateExited,
                i % 2 == 1 ? new StateEnteredEventDetails($"P{i}", JsonObject.Create(("i", i))) : new StateExitedEventDetails($"P{i - 1}", JsonObject.Create(("i", i)), null)))
            .ToArray();
        return
        [
            (Record("done", Definition, ExecutionStatus.SUCCEEDED) with { StopDate = Start.AddSeconds(1), Output = JsonValue.Parse("""{"n":1.50}""") }, done),
            (Record("long", OtherDefinition, ExecutionStatus.RUNNING) with { UsesVirtualClock = true, RandomSeed = -42 }, running),
            (Record("empty", Definition, ExecutionStatus.RUNNING), []),
        ];
    }

    private static ExecutionRecord Record(string name, string definition, ExecutionStatus status) =>
        new($"arn:aws:states:us-east-1:123456789012:execution:Old:{name}", Machine, name, definition, status, Start, JsonValue.Parse("""{"in":[1e3]}"""))
        {
            RandomSeed = 7,
        };

    // Writes the executions as format 1's store did (its writer's statements and encodings), in WAL mode as it ran.
    private static void CreateFormat1Database(string path, (ExecutionRecord Record, HistoryEvent[] Events)[] executions, string? copyStateMachinesFrom = null)
    {
        using var connection = Connect(path);
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = Format1Schema + """
                INSERT INTO state_machines VALUES ('arn:aws:states:us-east-1:123456789012:stateMachine:Old', 'Old', '{}', 'arn:aws:iam::123456789012:role/R', 'STANDARD', 0);
                """;
            schema.ExecuteNonQuery();
        }

        if (copyStateMachinesFrom is not null)
        {
            using var copy = connection.CreateCommand();
            copy.CommandText = "ATTACH DATABASE $other AS other; DELETE FROM state_machines; INSERT INTO state_machines SELECT * FROM other.state_machines;";
            copy.Parameters.AddWithValue("$other", copyStateMachinesFrom);
            copy.ExecuteNonQuery();
        }

        using var insertExecution = connection.CreateCommand();
        insertExecution.CommandText = """
            INSERT INTO executions (execution_arn, state_machine_arn, name, definition, status, start_date, stop_date, input, output, error, cause, virtual_clock, random_seed)
            VALUES ($arn, $machine, $name, $definition, $status, $start, $stop, $input, $output, $error, $cause, $virtual, $seed)
            """;
        using var insertEvent = connection.CreateCommand();
        insertEvent.CommandText = """
            INSERT INTO history_events (execution_arn, event_id, previous_event_id, timestamp, type, frame_start, frame_index, details)
            VALUES ($arn, $id, $previous, $timestamp, $type, $frame_start, $frame_index, $details)
            """;
        foreach (var (r, events) in executions)
        {
            insertExecution.Parameters.Clear();
            insertExecution.Parameters.AddWithValue("$arn", r.ExecutionArn);
            insertExecution.Parameters.AddWithValue("$machine", r.StateMachineArn);
            insertExecution.Parameters.AddWithValue("$name", r.Name);
            insertExecution.Parameters.AddWithValue("$definition", r.Definition);
            insertExecution.Parameters.AddWithValue("$status", r.Status.ToString());
            insertExecution.Parameters.AddWithValue("$start", r.StartDate.UtcTicks);
            insertExecution.Parameters.AddWithValue("$stop", (object?)r.StopDate?.UtcTicks ?? DBNull.Value);
            insertExecution.Parameters.AddWithValue("$input", Encoding.UTF8.GetBytes(r.Input.ToJson()));
            insertExecution.Parameters.AddWithValue("$output", r.Output is { } output ? Encoding.UTF8.GetBytes(output.ToJson()) : DBNull.Value);
            insertExecution.Parameters.AddWithValue("$error", (object?)r.Error ?? DBNull.Value);
            insertExecution.Parameters.AddWithValue("$cause", (object?)r.Cause ?? DBNull.Value);
            insertExecution.Parameters.AddWithValue("$virtual", r.UsesVirtualClock ? 1 : 0);
            insertExecution.Parameters.AddWithValue("$seed", r.RandomSeed);
            insertExecution.ExecuteNonQuery();
            foreach (var e in events)
            {
                insertEvent.Parameters.Clear();
                insertEvent.Parameters.AddWithValue("$arn", r.ExecutionArn);
                insertEvent.Parameters.AddWithValue("$id", e.Id);
                insertEvent.Parameters.AddWithValue("$previous", e.PreviousEventId);
                insertEvent.Parameters.AddWithValue("$timestamp", e.Timestamp.UtcTicks);
                insertEvent.Parameters.AddWithValue("$type", e.Type.ToString());
                insertEvent.Parameters.AddWithValue("$frame_start", e.Frame.StartEventId);
                insertEvent.Parameters.AddWithValue("$frame_index", e.Frame.Index);
                insertEvent.Parameters.AddWithValue("$details", (object?)Format1History.DetailsJson(e.Details) ?? DBNull.Value);
                insertEvent.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static long Scalar(string path, string sql)
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The test's own constant queries.
        command.CommandText = sql;
#pragma warning restore CA2100
        return (long)command.ExecuteScalar()!;
    }
}
