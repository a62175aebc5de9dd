using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Keeps retired task tokens, the last heartbeat of each task still waiting, and redrive clientTokens in the engine's
/// SQLite database (its own three tables, created here), so that a restarted engine answers a late callback
/// TaskTimedOut, counts a resumed task's HeartbeatSeconds from its last heartbeat, and answers a repeated redrive with
/// its first answer.
/// </summary>
/// <remarks>
/// None of them can be derived from the stored histories cheaply: a task token is drawn from the execution's seeded
/// random source (finding it again means replaying the execution), and neither a heartbeat nor a clientToken is in the
/// history at all. So each retirement, heartbeat and redrive is one small committed transaction, on one connection of the store's own (independent of
/// the execution store's writer), which also trims what is beyond the limits of <see cref="TokenStoreLimits"/>.
/// A retirement is written before its task's result is recorded, so a stored result never has a forgotten token; it
/// deletes the token's heartbeat row in the same transaction, so <c>task_heartbeats</c> holds only waits not yet ended.
/// </remarks>
public sealed class SqliteTokenStore : ITokenStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS retired_task_tokens (
            seq INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE
        );
        CREATE TABLE IF NOT EXISTS redrive_client_tokens (
            execution_arn TEXT NOT NULL,
            client_token TEXT NOT NULL,
            used_at INTEGER NOT NULL,
            redrive_date INTEGER NOT NULL,
            PRIMARY KEY (execution_arn, client_token)
        );
        CREATE INDEX IF NOT EXISTS redrive_client_tokens_by_use ON redrive_client_tokens (used_at);
        CREATE TABLE IF NOT EXISTS task_heartbeats (
            token TEXT PRIMARY KEY,
            beat_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _retire;
    private readonly SqliteCommand _trimRetired;
    private readonly SqliteCommand _isRetired;
    private readonly SqliteCommand _forgetHeartbeat;
    private readonly SqliteCommand _recordHeartbeat;
    private readonly SqliteCommand _findHeartbeat;
    private readonly SqliteCommand _remember;
    private readonly SqliteCommand _trimRedrives;
    private readonly SqliteCommand _findRedrive;
    private readonly int _maxRetiredTaskTokens;
    private bool _disposed;

    /// <summary>Opens (creating if need be) the database of <paramref name="options"/> and its token tables.</summary>
    public SqliteTokenStore(SqliteStoreOptions options)
        : this(options, TokenStoreLimits.MaxRetiredTaskTokens)
    {
    }

    /// <summary>As the public constructor, remembering <paramref name="maxRetiredTaskTokens"/> retired task tokens (tests: a small cap).</summary>
    internal SqliteTokenStore(SqliteStoreOptions options, int maxRetiredTaskTokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRetiredTaskTokens);
        _maxRetiredTaskTokens = maxRetiredTaskTokens;
        DatabasePath = options.ResolveDatabasePath();
        // One connection for the store's life (no pool): every call takes the lock, and SQLite has one writer anyway.
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString());
        try
        {
            _connection.Open();
            var synchronous = options.SurvivesPowerLoss ? "FULL" : "NORMAL";
            SqliteDatabase.Execute(_connection, $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};");
            using (var transaction = _connection.BeginTransaction(deferred: false))
            {
                SqliteDatabase.Execute(_connection, Schema, transaction);
                transaction.Commit();
            }

            // A token retired again moves to the newest place (REPLACE gives it a new seq).
            _retire = Prepare("INSERT OR REPLACE INTO retired_task_tokens (token) VALUES ($token)", "$token");
            _trimRetired = Prepare("DELETE FROM retired_task_tokens WHERE seq <= last_insert_rowid() - $cap", "$cap");
            _isRetired = Prepare("SELECT 1 FROM retired_task_tokens WHERE token = $token", "$token");
            _forgetHeartbeat = Prepare("DELETE FROM task_heartbeats WHERE token = $token", "$token");
            _recordHeartbeat = Prepare("INSERT OR REPLACE INTO task_heartbeats (token, beat_at) VALUES ($token, $at)", "$token", "$at");
            _findHeartbeat = Prepare("SELECT beat_at FROM task_heartbeats WHERE token = $token", "$token");
            _remember = Prepare("""
                INSERT OR REPLACE INTO redrive_client_tokens (execution_arn, client_token, used_at, redrive_date)
                VALUES ($execution, $token, $used, $redrive)
                """, "$execution", "$token", "$used", "$redrive");
            // Expired tokens go, and of one execution's only the last ones stay.
            _trimRedrives = Prepare("""
                DELETE FROM redrive_client_tokens WHERE used_at < $expired;
                DELETE FROM redrive_client_tokens WHERE execution_arn = $execution AND client_token NOT IN (
                    SELECT client_token FROM redrive_client_tokens WHERE execution_arn = $execution ORDER BY used_at DESC LIMIT $keep);
                """, "$expired", "$execution", "$keep");
            _findRedrive = Prepare("""
                SELECT redrive_date FROM redrive_client_tokens WHERE execution_arn = $execution AND client_token = $token AND used_at >= $since
                """, "$execution", "$token", "$since");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public void RetireTaskToken(string taskToken)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction(deferred: false);
            _retire.Transaction = transaction;
            _retire.Parameters[0].Value = taskToken;
            _retire.ExecuteNonQuery();
            _trimRetired.Transaction = transaction;
            _trimRetired.Parameters[0].Value = _maxRetiredTaskTokens;
            _trimRetired.ExecuteNonQuery();
            _forgetHeartbeat.Transaction = transaction;
            _forgetHeartbeat.Parameters[0].Value = taskToken;
            _forgetHeartbeat.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <inheritdoc />
    public bool IsTaskTokenRetired(string taskToken)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _isRetired.Transaction = null;
            _isRetired.Parameters[0].Value = taskToken;
            return _isRetired.ExecuteScalar() is not null;
        }
    }

    /// <inheritdoc />
    public void RecordHeartbeat(string taskToken, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // One statement: committed on its own (SQLite's autocommit), as durable as the other writes here.
            _recordHeartbeat.Transaction = null;
            _recordHeartbeat.Parameters[0].Value = taskToken;
            _recordHeartbeat.Parameters[1].Value = at.UtcTicks;
            _recordHeartbeat.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? FindHeartbeat(string taskToken)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _findHeartbeat.Transaction = null;
            _findHeartbeat.Parameters[0].Value = taskToken;
            return AsDate(_findHeartbeat.ExecuteScalar());
        }
    }

    /// <inheritdoc />
    public void RememberRedrive(string executionArn, string clientToken, DateTimeOffset usedAt, DateTimeOffset redriveDate)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        ArgumentNullException.ThrowIfNull(clientToken);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction(deferred: false);
            _remember.Transaction = transaction;
            _remember.Parameters[0].Value = executionArn;
            _remember.Parameters[1].Value = clientToken;
            _remember.Parameters[2].Value = usedAt.UtcTicks;
            _remember.Parameters[3].Value = redriveDate.UtcTicks;
            _remember.ExecuteNonQuery();
            _trimRedrives.Transaction = transaction;
            _trimRedrives.Parameters[0].Value = (usedAt - TokenStoreLimits.RedriveClientTokenLifetime).UtcTicks;
            _trimRedrives.Parameters[1].Value = executionArn;
            _trimRedrives.Parameters[2].Value = TokenStoreLimits.RememberedRedriveClientTokens;
            _trimRedrives.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? FindRedrive(string executionArn, string clientToken, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        ArgumentNullException.ThrowIfNull(clientToken);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _findRedrive.Transaction = null;
            _findRedrive.Parameters[0].Value = executionArn;
            _findRedrive.Parameters[1].Value = clientToken;
            _findRedrive.Parameters[2].Value = (now - TokenStoreLimits.RedriveClientTokenLifetime).UtcTicks;
            return AsDate(_findRedrive.ExecuteScalar());
        }
    }

    /// <summary>Closes the store's connection.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var command in (SqliteCommand[])[_retire, _trimRetired, _isRetired, _forgetHeartbeat, _recordHeartbeat, _findHeartbeat, _remember, _trimRedrives, _findRedrive])
                command.Dispose();
            _connection.Dispose();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters) => SqliteDatabase.Prepare(_connection, sql, parameters);

    // A stored UTC tick count (an INTEGER column), or null for no row.
    private static DateTimeOffset? AsDate(object? ticks) =>
        ticks is null ? null : new DateTimeOffset(Convert.ToInt64(ticks, CultureInfo.InvariantCulture), TimeSpan.Zero);
}
