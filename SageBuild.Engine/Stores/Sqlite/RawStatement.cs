using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// A prepared statement run through SQLite's C API (SQLitePCLRaw, which Microsoft.Data.Sqlite sits on), with its
/// parameters bound by position. For the writer's few statements run thousands of times a second: through
/// <see cref="SqliteCommand"/> each run looked its parameters up by name and went through a data reader, which cost
/// several times SQLite's own work. It runs in whatever transaction its connection has open.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    public void Bind(int position, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, position) : raw.sqlite3_bind_text(_statement, position, value));

    public void Bind(int position, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, position, value));

    public void BindNull(int position) => Check(raw.sqlite3_bind_null(_statement, position));

    /// <summary>Runs the statement (it returns no rows) and returns how many rows it changed.</summary>
    /// <exception cref="SqliteException">SQLite refused it (error code 19 for a constraint, as with SqliteCommand).</exception>
    public int Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
            Throw(result);
        return raw.sqlite3_changes(_db);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
            Throw(result);
    }

    private void Throw(int result) =>
        throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", result, raw.sqlite3_extended_errcode(_db));
}
