namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>Keeps state machines in the engine's SQLite database; each call is its own committed transaction.</summary>
public sealed class SqliteStateMachineStore : IStateMachineStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Opens (creating if need be) the database of <paramref name="options"/>.</summary>
    public SqliteStateMachineStore(SqliteStoreOptions options) => _database = new SqliteDatabase(options);

    /// <inheritdoc />
    public void Save(StateMachineRecord machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        using var connection = _database.Open();
        using var command = SqliteDatabase.Prepare(connection, """
            INSERT INTO state_machines (state_machine_arn, name, definition, role_arn, type, creation_date) VALUES ($arn, $name, $definition, $role, $type, $created)
            ON CONFLICT (state_machine_arn) DO UPDATE SET name = excluded.name, definition = excluded.definition, role_arn = excluded.role_arn,
                type = excluded.type, creation_date = excluded.creation_date
            """, "$arn", "$name", "$definition", "$role", "$type", "$created");
        command.Parameters[0].Value = machine.StateMachineArn;
        command.Parameters[1].Value = machine.Name;
        command.Parameters[2].Value = machine.Definition;
        command.Parameters[3].Value = machine.RoleArn;
        command.Parameters[4].Value = machine.Type;
        command.Parameters[5].Value = machine.CreationDate.UtcTicks;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public bool Delete(string stateMachineArn)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        using var connection = _database.Open();
        using var command = SqliteDatabase.Prepare(connection, "DELETE FROM state_machines WHERE state_machine_arn = $arn", "$arn");
        command.Parameters[0].Value = stateMachineArn;
        return command.ExecuteNonQuery() > 0;
    }

    /// <inheritdoc />
    public IReadOnlyList<StateMachineRecord> LoadAll()
    {
        using var connection = _database.Open();
        using var command = SqliteDatabase.Prepare(connection, "SELECT state_machine_arn, name, definition, role_arn, type, creation_date FROM state_machines ORDER BY creation_date");
        using var reader = command.ExecuteReader();
        var machines = new List<StateMachineRecord>();
        while (reader.Read())
        {
            machines.Add(new StateMachineRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero)));
        }

        return machines;
    }
}
