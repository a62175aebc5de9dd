using Microsoft.Data.Sqlite;

namespace SageBuild.Local.Sqlite;

/// <summary>
/// How the local stores open SQLite: WAL (readers never block the one writer, and a crash mid-write leaves the last
/// committed state intact), synchronous FULL (a committed version survives a power cut), and a busy timeout so that
/// concurrent writers in this and other processes queue rather than fail.
/// </summary>
internal static class LocalSqlite
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = (int)BusyTimeout.TotalSeconds,
    }.ToString();

    /// <summary>Creates the database file's folder, switches it to WAL and runs <paramref name="schema"/> (idempotent DDL).</summary>
    public static void Initialize(string connectionString, string databasePath, string schema)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        using var connection = Open(connectionString);
        Execute(connection, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, schema, transaction);
        transaction.Commit();
    }

    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous=FULL;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
