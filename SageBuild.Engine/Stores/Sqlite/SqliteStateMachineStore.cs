namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>Keeps state machines in the engine's SQLite database; each call is its own committed transaction.</summary>
/// <remarks>
/// The API's attributes (<see cref="IStateMachineStore.SaveAttributes"/>) live in their own table, created here, so that
/// a database written before they were kept opens unchanged, and saving a machine's record again leaves them alone.
/// </remarks>
public sealed class SqliteStateMachineStore : IStateMachineStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Opens (creating if need be) the database of <paramref name="options"/>.</summary>
    public SqliteStateMachineStore(SqliteStoreOptions options)
    {
        _database = new SqliteDatabase(options);
        using var connection = _database.Open();
        SqliteDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS state_machine_attributes (
                state_machine_arn TEXT PRIMARY KEY,
                attributes TEXT NOT NULL
            );
            """);
    }

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
    public void SaveAttributes(string stateMachineArn, string attributes)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        ArgumentNullException.ThrowIfNull(attributes);
        using var connection = _database.Open();
        using var command = SqliteDatabase.Prepare(connection, """
            INSERT INTO state_machine_attributes (state_machine_arn, attributes) VALUES ($arn, $attributes)
            ON CONFLICT (state_machine_arn) DO UPDATE SET attributes = excluded.attributes
            """, "$arn", "$attributes");
        command.Parameters[0].Value = stateMachineArn;
        command.Parameters[1].Value = attributes;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public bool Delete(string stateMachineArn)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var attributes = SqliteDatabase.Prepare(connection, "DELETE FROM state_machine_attributes WHERE state_machine_arn = $arn", "$arn");
        attributes.Transaction = transaction;
        attributes.Parameters[0].Value = stateMachineArn;
        attributes.ExecuteNonQuery();
        using var command = SqliteDatabase.Prepare(connection, "DELETE FROM state_machines WHERE state_machine_arn = $arn", "$arn");
        command.Transaction = transaction;
        command.Parameters[0].Value = stateMachineArn;
        var deleted = command.ExecuteNonQuery() > 0;
        transaction.Commit();
        return deleted;
    }

    /// <inheritdoc />
    public IReadOnlyList<StateMachineRecord> LoadAll()
    {
        using var connection = _database.Open();
        using var command = SqliteDatabase.Prepare(connection, """
            SELECT m.state_machine_arn, m.name, m.definition, m.role_arn, m.type, m.creation_date, a.attributes
            FROM state_machines m LEFT JOIN state_machine_attributes a ON a.state_machine_arn = m.state_machine_arn ORDER BY m.creation_date
            """);
        using var reader = command.ExecuteReader();
        var machines = new List<StateMachineRecord>();
        while (reader.Read())
        {
            machines.Add(new StateMachineRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero))
            {
                Attributes = reader.IsDBNull(6) ? null : reader.GetString(6),
            });
        }

        return machines;
    }
}
