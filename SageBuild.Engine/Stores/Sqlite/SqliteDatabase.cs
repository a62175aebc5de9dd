using Microsoft.Data.Sqlite;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Opens the engine's SQLite database: WAL (readers never block the writer; a crash mid-write leaves the last commit
/// intact), the synchronous level of <see cref="SqliteStoreOptions.SurvivesPowerLoss"/>, a busy timeout, and the schema.
/// </summary>
internal sealed class SqliteDatabase
{
    // Executions are keyed by an integer the store assigns in start order, their histories by (that integer, first
    // event id): new rows go to the end of each B-tree. Keyed by ARN (format 2), every execution's rows landed on a
    // random page of each table, and each transaction wrote a page per execution. Each definition's text is stored
    // once (definitions), not with every execution that runs it. An execution's first steps, when stored with its
    // creation (nearly always), are in its own row (first_steps): one row written instead of two. Executions are found
    // by ARN through an index of 64-bit keys of their ARNs (arn_key: ExecutionArnKey), not of the ARNs themselves
    // (format 3): a distributed Map's children have random names, and a large index of long strings cost more than all
    // else the store did for each child. The store keeps ARNs unique (ExecutionArnFilter, then a query). Format 5 adds
    // child_packs: a distributed Map's children that ended in the batch that created them, many to a row
    // (ChildPackWriter); a format-4 database only lacks that table, and gets it on open.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS state_machines (
            state_machine_arn TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            definition TEXT NOT NULL,
            role_arn TEXT NOT NULL,
            type TEXT NOT NULL,
            creation_date INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS executions (
            id INTEGER PRIMARY KEY,
            arn_key INTEGER NOT NULL,
            execution_arn TEXT NOT NULL,
            state_machine_arn TEXT NOT NULL,
            name TEXT NOT NULL,
            definition_hash TEXT NOT NULL,
            status TEXT NOT NULL,
            start_date INTEGER NOT NULL,
            stop_date INTEGER,
            input BLOB NOT NULL,
            output BLOB,
            error TEXT,
            cause TEXT,
            virtual_clock INTEGER NOT NULL,
            random_seed INTEGER NOT NULL,
            first_steps BLOB
        );
        CREATE INDEX IF NOT EXISTS executions_by_arn_key ON executions (arn_key);
        CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (state_machine_arn, start_date);
        CREATE TABLE IF NOT EXISTS history_steps (
            execution_id INTEGER NOT NULL,
            first_event_id INTEGER NOT NULL,
            events BLOB NOT NULL,
            PRIMARY KEY (execution_id, first_event_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS definitions (
            hash TEXT PRIMARY KEY,
            text TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS child_packs (
            run_tag INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            state_machine_arn TEXT NOT NULL,
            arn_prefix TEXT NOT NULL,
            definition_hash TEXT NOT NULL,
            last_id INTEGER NOT NULL,
            arn_keys BLOB NOT NULL,
            children BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS child_packs_by_run ON child_packs (run_tag, bucket);
        CREATE INDEX IF NOT EXISTS child_packs_by_machine ON child_packs (state_machine_arn);
        CREATE TABLE IF NOT EXISTS redo_state (applied_sequence INTEGER NOT NULL);
        INSERT INTO redo_state (applied_sequence) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM redo_state);
        PRAGMA user_version = 6;
        """;

    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);
    private readonly string _connectionString;
    private readonly string _synchronous;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Path = options.ResolveDatabasePath();
        _synchronous = options.SurvivesPowerLoss ? "FULL" : "NORMAL";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        Format1Migration.ConvertToFormat2(connection, transaction, Path);
        var version = SchemaMigration.UserVersion(connection, transaction);
        var earlier = SchemaMigration.SetAsideEarlierTables(connection, transaction);
        Execute(connection, Schema, transaction);
        SchemaMigration.CopyEarlierTables(connection, transaction, earlier);
        if (earlier == 0 && version is 4 or 5)
            SchemaMigration.RekeyTimeOrderedNames(connection, transaction);
        transaction.Commit();
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Closes the pooled connections to this database (those in use close when returned). A disposed store must not
    /// leave them open: the pool would hand one to the next store of the same path, still reading a file that was
    /// deleted or replaced meanwhile.
    /// </summary>
    public void CloseIdleConnections()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>A new (pooled) connection for reading: WAL readers need no pragma (the busy timeout is in the connection string).</summary>
    public SqliteConnection OpenForReading()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A new (pooled) connection with the store's pragmas, for writing.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // A checkpoint every 4,000 pages (16 MB of log) rather than SQLite's 1,000: fewer, larger copies into the database file.
            Execute(connection, $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous={_synchronous}; PRAGMA wal_autocheckpoint=4000; PRAGMA cache_size=-65536;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Only the constant schema and pragmas built from numbers and a fixed word come here.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    /// <summary>A command with named parameters, to be prepared once and run many times.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL from this store's code; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter(name, null));
        return command;
    }
}
