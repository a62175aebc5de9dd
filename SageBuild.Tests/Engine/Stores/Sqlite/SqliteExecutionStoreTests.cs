using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

public sealed class SqliteExecutionStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 1, 2, 3, 456, TimeSpan.Zero);

    private static ExecutionRecord Record(string name) =>
        new($"arn:aws:states:us-east-1:123456789012:execution:M:{name}", "arn:aws:states:us-east-1:123456789012:stateMachine:M", name,
            """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", ExecutionStatus.RUNNING, Start, JsonValue.Parse("""{"n":1.50,"s":"é"}"""))
        {
            UsesVirtualClock = true,
            RandomSeed = 42,
        };

    private static HistoryEvent[] EveryKindOfDetails()
    {
        var data = JsonValue.Parse("""{"a":[1,2.0,"x"],"b":null}""");
        HistoryEventDetails?[] details =
        [
            new ExecutionStartedEventDetails(data, "arn:aws:iam::123456789012:role/R", "abc"),
            new StateEnteredEventDetails("P", data),
            new StateExitedEventDetails("P", data, JsonObject.Create(("v", 1))),
            new MapStateStartedEventDetails(3),
            new MapIterationEventDetails("M", 2),
            new MapRunStartedEventDetails("arn:aws:states:us-east-1:123456789012:mapRun:M/L:x"),
            new MapRunStartedEventDetails("arn:aws:states:us-east-1:123456789012:mapRun:M/L:y", new MapRunFacts(new SageBuild.Engine.Api.MapRunSettings(3, 2, 12.5), 7, true)),
            new TaskScheduledEventDetails("lambda", "invoke", "us-east-1", data, 10, null),
            new TaskStartedEventDetails("lambda", "invoke"),
            new TaskOutputEventDetails("lambda", "invoke", data),
            new ResourceScheduledEventDetails("arn:aws:lambda:us-east-1:123456789012:function:f", data, null, 5),
            new ErrorEventDetails("States.TaskFailed", "boom", "lambda", "invoke"),
            new OutputEventDetails(data),
            // Computed values (no literal text): integers and an empty object are written without the JSON writer.
            new StateEnteredEventDetails("Étape ✓", JsonObject.Empty), // not ASCII: the encoder's path
            new StateExitedEventDetails("Q", JsonNumber.From(-999_999_999_999_999), null),
            new OutputEventDetails(JsonArray.Wrap([JsonNumber.From(0), JsonNumber.From(1e15), JsonNumber.From(-7), JsonNumber.From(0.5)])),
            new OutputEventDetails(JsonNumber.From(123_456)),
            null,
        ];
        return details.Select((d, i) => new HistoryEvent(i + 1, i, Start.AddMilliseconds(i), HistoryEventType.PassStateEntered, d) { Frame = new FrameKey(i, i % 3) }).ToArray();
    }

    [Test]
    public async Task Keeps_records_and_every_kind_of_event_across_a_reopen()
    {
        using var folder = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("db/sagebuild.db") };
        var record = Record("one");
        var events = EveryKindOfDetails();
        var final = record with { Status = ExecutionStatus.SUCCEEDED, StopDate = Start.AddSeconds(2), Output = JsonValue.Parse("[1e3]"), Error = null };
        await using (var store = new SqliteExecutionStore(options))
        {
            await store.CreateExecutionAsync(record, default);
            await store.AppendAsync(record.ExecutionArn, events[..5], null, default);
            await store.AppendAsync(record.ExecutionArn, events[5..], final, default);
        }

        await using var reopened = new SqliteExecutionStore(options);
        Assert.That(await reopened.GetExecutionAsync(record.ExecutionArn, default), Is.EqualTo(final));
        var history = await reopened.ReadHistoryAsync(record.ExecutionArn, default);
        Assert.That(history, Is.EqualTo(events));
        Assert.That(history.Select(e => e.Frame), Is.EqualTo(events.Select(e => e.Frame)));
        Assert.That((await reopened.ListExecutionsAsync(record.StateMachineArn, default)).Single().Name, Is.EqualTo("one"));
        Assert.That(await reopened.GetExecutionAsync("arn:aws:states:us-east-1:123456789012:execution:M:none", default), Is.Null);
    }

    [Test]
    public async Task A_disposed_store_leaves_no_connection_that_a_new_store_of_the_same_path_would_reuse()
    {
        using var folder = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("sagebuild.db") };
        await using (var store = new SqliteExecutionStore(options))
        {
            await store.CreateExecutionAsync(Record("old"), default);
            Assert.That(await store.ListExecutionsAsync(null, default), Has.Count.EqualTo(1));
        }

        // What a user (or the benchmark) does between two runs: remove the data, start again.
        foreach (var file in Directory.GetFiles(folder.Path))
            File.Delete(file);
        await using var fresh = new SqliteExecutionStore(options);
        Assert.That(await fresh.ListExecutionsAsync(null, default), Is.Empty, "a pooled connection still reading the deleted file would show 'old'");
        await fresh.CreateExecutionAsync(Record("old"), default);
    }

    [Test]
    public async Task Refuses_an_execution_whose_arn_is_taken_and_an_event_id_used_twice_without_losing_the_others()
    {
        using var folder = new TemporaryDirectory();
        await using var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = folder.File("sagebuild.db") });
        var record = Record("dup");
        await store.CreateExecutionAsync(record, default);
        Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateExecutionAsync(record, default), "taken while still queued");
        await store.EnsureStoredAsync(default);
        Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateExecutionAsync(record, default), "taken once stored");
        await store.CreateExecutionAsync(Record("other"), default);

        var first = new HistoryEvent(1, 0, Start, HistoryEventType.ExecutionStarted, null);
        await store.AppendAsync(record.ExecutionArn, [first], null, default);
        await store.AppendAsync(record.ExecutionArn, [first with { PreviousEventId = 7 }], null, default);
        await store.AppendAsync(record.ExecutionArn, [first with { Id = 2 }], null, default);
        var error = Assert.ThrowsAsync<InvalidOperationException>(async () => await store.EnsureStoredAsync(default));
        Assert.That(error!.Message, Does.Contain("already stored"));
        Assert.ThrowsAsync<InvalidOperationException>(async () => await store.EnsureStoredAsync(default), "the store stays failed: its history has a hole");
        Assert.That((await store.ReadHistoryAsync(record.ExecutionArn, default)).Select(e => (e.Id, e.PreviousEventId)), Is.EqualTo(new[] { (1L, 0L), (2L, 0L) }));
        Assert.That(await store.GetExecutionAsync(Record("other").ExecutionArn, default), Is.Not.Null, "the other writes of the batch are stored");
    }

    [Test]
    public async Task Takes_appends_from_many_executions_at_once()
    {
        using var folder = new TemporaryDirectory();
        await using var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = folder.File("sagebuild.db") });
        var records = Enumerable.Range(0, 40).Select(i => Record($"e{i}")).ToArray();
        await Task.WhenAll(records.Select(r => store.CreateExecutionAsync(r, default).AsTask()));
        await Task.WhenAll(records.Select(r => Task.Run(async () =>
        {
            for (var id = 1; id <= 25; id++)
                await store.AppendAsync(r.ExecutionArn, [new HistoryEvent(id, id - 1, Start, HistoryEventType.PassStateEntered, new StateEnteredEventDetails("P", id))], null, default);
        })));
        await store.EnsureStoredAsync(default);
        foreach (var r in records)
            Assert.That((await store.ReadHistoryAsync(r.ExecutionArn, default)).Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, 25).Select(i => (long)i)));
        Assert.That(await store.ListExecutionsAsync(null, default), Has.Count.EqualTo(40));
    }

    [Test]
    public async Task Packs_the_steps_handed_over_between_two_barriers_into_one_row_and_reads_them_back_in_order()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("sagebuild.db");
        await using (var store = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path }))
        {
            var record = Record("packed");
            await store.CreateExecutionAsync(record, default);
            for (var id = 1; id <= 10; id += 2)
                await store.AppendAsync(record.ExecutionArn, [Entered(id), Entered(id + 1)], null, default);
            await store.EnsureStoredAsync(default);
            await store.AppendAsync(record.ExecutionArn, [Entered(11)], record with { Status = ExecutionStatus.SUCCEEDED, Output = JsonValue.Parse("2") }, default);
            await store.EnsureStoredAsync(default);
            await store.AppendAsync(record.ExecutionArn, [Entered(11)], null, default);
            Assert.ThrowsAsync<InvalidOperationException>(async () => await store.EnsureStoredAsync(default), "a repeated step meets its row's key");
        }

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        await using var count = connection.CreateCommand();
        // An execution's first steps, stored with its creation, are in its own row (first_steps): that row is keyed 1.
        count.CommandText = """
            SELECT group_concat(k) FROM (SELECT k FROM (SELECT 1 AS k FROM executions WHERE first_steps IS NOT NULL
                UNION ALL SELECT first_event_id FROM history_steps) ORDER BY k)
            """;
        // The background thread takes what is queued as soon as it can, so the steps may split between rows; never one row a step.
        var keys = ((string)count.ExecuteScalar()!).Split(',').Select(long.Parse).ToArray();
        Assert.That(keys, Is.SubsetOf(new long[] { 1, 3, 5, 7, 9, 11 }), "rows are keyed by a step's first event");
        Assert.That(keys.Length, Is.LessThan(6), "the steps handed over together share rows");
        await using var reopened = new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = path });
        var history = await reopened.ReadHistoryAsync(Record("packed").ExecutionArn, default);
        Assert.That(history.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, 11).Select(i => (long)i)));
        Assert.That(history.Select(e => ((StateEnteredEventDetails)e.Details!).Input), Is.EqualTo(Enumerable.Range(1, 11).Select(i => (JsonValue)i)));
        Assert.That((await reopened.GetExecutionAsync(Record("packed").ExecutionArn, default))!.Output, Is.EqualTo(JsonValue.Parse("2")));

        static HistoryEvent Entered(long id) => new(id, id - 1, Start, HistoryEventType.PassStateEntered, new StateEnteredEventDetails("P", id));
    }

    [Test]
    public async Task Checkpoints_the_wal_into_the_database_file_in_the_background_while_open()
    {
        using var folder = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("sagebuild.db"), CheckpointBytes = 64 * 1024 };
        await using var store = new SqliteExecutionStore(options);
        var empty = new FileInfo(options.DatabasePath).Length;
        var events = EveryKindOfDetails();
        for (var i = 0; i < 400; i++)
        {
            var record = Record($"run-{i}");
            await store.CreateExecutionAsync(record, default);
            await store.AppendAsync(record.ExecutionArn, events, record with { Status = ExecutionStatus.SUCCEEDED, StopDate = Start }, default);
            await store.EnsureStoredAsync(default);
        }

        // Written to the WAL only, the rows reach the database file once checkpointed: by the background thread, whose
        // applier connection never checkpoints itself.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(options.DatabasePath).Length < empty + (100 * 1024) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.That(new FileInfo(options.DatabasePath).Length, Is.GreaterThan(empty + (100 * 1024)), "the rows reached the database file while the store is open");
        Assert.That(await store.ListExecutionsAsync(null, default), Has.Count.EqualTo(400));
    }

    [Test]
    public async Task Keeps_the_wal_file_bounded_while_the_writes_never_pause()
    {
        // SQLite starts its WAL again from the beginning only once a checkpoint has copied every frame. A checkpoint
        // beside a writer that never pauses never got there, and the file grew without end (a gigabyte in ten seconds
        // of the benchmark's small executions).
        using var folder = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("sagebuild.db"), CheckpointBytes = 64 * 1024 };
        await using var store = new SqliteExecutionStore(options);
        var events = EveryKindOfDetails();
        var wal = new FileInfo(options.DatabasePath + "-wal");
        long largest = 0;
        for (var i = 0; i < 8000; i++)
        {
            var record = Record($"run-{i}");
            await store.CreateExecutionAsync(record, default);
            await store.AppendAsync(record.ExecutionArn, events, record with { Status = ExecutionStatus.SUCCEEDED, StopDate = Start }, default);
            await store.EnsureStoredAsync(default);
            store.ApplyToDatabase(); // this thread commits to SQLite all the time, beside the background thread's checkpoints
            if (i % 50 == 0)
            {
                wal.Refresh();
                largest = Math.Max(largest, wal.Exists ? wal.Length : 0);
            }
        }

        var written = new FileInfo(options.DatabasePath).Length;
        TestContext.Out.WriteLine($"largest WAL {largest / 1024} KB; database {written / 1024} KB");
        // Never started again, the WAL reached about 150 MB here: every frame the test commits.
        Assert.That(largest, Is.LessThan(32L * 1024 * 1024), "the WAL file starts again from its beginning after checkpoints");
        Assert.That(await store.ListExecutionsAsync(null, default), Has.Count.EqualTo(8000));
    }

    [Test]
    public void Names_the_missing_option()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteExecutionStore(new SqliteStoreOptions()));
        Assert.That(error!.Message, Does.Contain("SqliteStoreOptions").And.Contain("DatabasePath"));
    }
}
