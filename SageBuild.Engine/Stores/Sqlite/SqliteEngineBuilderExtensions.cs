using SageBuild.Engine.Api;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>Wires the SQLite stores into an <see cref="EngineBuilder"/>.</summary>
public static class SqliteEngineBuilderExtensions
{
    /// <summary>
    /// Keeps state machines, executions and histories in one SQLite file (created when missing), durably: see
    /// <see cref="EngineBuilder.UseDurableStores"/>. Call <see cref="WorkflowEngine.ResumeAsync"/> once the engine is built.
    /// </summary>
    public static EngineBuilder UseSqlite(this EngineBuilder builder, SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseDurableStores(new SqliteExecutionStore(options), new SqliteStateMachineStore(options)).UseDurableTokenStore(new SqliteTokenStore(options));
    }

    /// <summary>As <see cref="UseSqlite(EngineBuilder, SqliteStoreOptions)"/>, with the default options for <paramref name="databasePath"/>.</summary>
    public static EngineBuilder UseSqlite(this EngineBuilder builder, string databasePath) =>
        builder.UseSqlite(new SqliteStoreOptions { DatabasePath = databasePath });
}
