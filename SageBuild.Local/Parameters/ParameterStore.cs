using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SageBuild.Local.Sqlite;

namespace SageBuild.Local.Parameters;

/// <summary>
/// A local, durable SSM Parameter Store: every put writes a new version and keeps the old ones, versions can carry
/// labels, and a name can select a version (<c>/app/config:3</c>) or a label (<c>/app/config:prod</c>) as SSM's
/// selectors do. Each put runs in one <c>BEGIN IMMEDIATE</c> SQLite transaction in WAL mode, so concurrent writers
/// (threads or processes) get distinct consecutive versions and a crash never leaves a half-written version.
/// </summary>
/// <remarks>
/// Values, SecureStrings included, are stored in clear in a file only its owner can read; a SecureString is redacted
/// by <see cref="ParameterVersion.ToString"/> and everywhere this project displays it unless decryption is asked for.
/// Unlike SSM, history is not capped at 100 versions.
/// </remarks>
public sealed partial class ParameterStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS parameter_versions (
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            description TEXT,
            modified_at TEXT NOT NULL,
            PRIMARY KEY (name, version)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS parameter_labels (
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (name, label)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>Opens (creating when needed) the store at <see cref="ParameterStoreOptions.DatabasePath"/>.</summary>
    public ParameterStore(ParameterStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
            throw new ArgumentException($"{nameof(ParameterStoreOptions)}.{nameof(ParameterStoreOptions.DatabasePath)} is required", nameof(options));
        Options = options;
        _time = timeProvider ?? TimeProvider.System;
        _connectionString = LocalSqlite.ConnectionString(options.DatabasePath);
        var isNew = !File.Exists(options.DatabasePath);
        LocalSqlite.Initialize(_connectionString, options.DatabasePath, Schema);
        if (isNew && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(options.DatabasePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>The options the store was opened with.</summary>
    public ParameterStoreOptions Options { get; }

    /// <summary>The parameter's ARN, as SSM reports it.</summary>
    public string Arn(string name) => $"arn:aws:ssm:{Options.Region}:{Options.AccountId}:parameter/{name.TrimStart('/')}";

    /// <summary>
    /// Writes a new version. Without <paramref name="overwrite"/> an existing name fails with ParameterAlreadyExists;
    /// a <paramref name="type"/> is required for a new name and, when omitted, the current type is kept.
    /// </summary>
    public ParameterVersion Put(string name, string value, ParameterType? type = null, bool overwrite = false, string? description = null)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
            throw new ParameterStoreException(ParameterStoreException.Validation, "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");

        using var connection = LocalSqlite.Open(_connectionString);
        using var transaction = connection.BeginTransaction(deferred: false);
        var latest = ReadVersion(connection, transaction, name, null);
        if (latest is not null && !overwrite)
            throw new ParameterStoreException(ParameterStoreException.ParameterAlreadyExists, $"The parameter {name} already exists. To overwrite this value, set the overwrite option in the request to true.");
        var effectiveType = type ?? latest?.Type
            ?? throw new ParameterStoreException(ParameterStoreException.Validation, $"A parameter type is required when you create a parameter ({name}).");
        var version = new ParameterVersion(name, effectiveType, value, (latest?.Version ?? 0) + 1, _time.GetUtcNow(), [], description ?? latest?.Description);

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO parameter_versions (name, version, type, value, description, modified_at)
            VALUES ($name, $version, $type, $value, $description, $modified)
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$version", version.Version);
        command.Parameters.AddWithValue("$type", effectiveType.ToString());
        command.Parameters.AddWithValue("$value", value);
        command.Parameters.AddWithValue("$description", (object?)version.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$modified", version.LastModified.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        transaction.Commit();
        return version;
    }

    /// <summary>
    /// Reads the latest version of <paramref name="nameWithSelector"/>, or the version its selector names
    /// (<c>name:3</c> or <c>name:label</c>). Throws ParameterNotFound or ParameterVersionNotFound.
    /// </summary>
    public ParameterVersion Get(string nameWithSelector)
    {
        var (name, selector) = SplitSelector(nameWithSelector);
        using var connection = LocalSqlite.Open(_connectionString);
        var latest = ReadVersion(connection, null, name, null)
            ?? throw new ParameterStoreException(ParameterStoreException.ParameterNotFound, $"Parameter {name} not found.");
        if (selector is null)
            return latest;
        long? version = long.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : LabelVersion(connection, name, selector);
        return (version is { } v ? ReadVersion(connection, null, name, v) : null)
            ?? throw new ParameterStoreException(ParameterStoreException.ParameterVersionNotFound, $"Systems Manager could not find version {selector} of {name}. Verify the version and try again.");
    }

    /// <summary>Every version of <paramref name="name"/>, oldest first; empty when there is none.</summary>
    public IReadOnlyList<ParameterVersion> GetHistory(string name)
    {
        using var connection = LocalSqlite.Open(_connectionString);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, version, type, value, description, modified_at FROM parameter_versions WHERE name = $name ORDER BY version";
        command.Parameters.AddWithValue("$name", name);
        var labels = Labels(connection, name);
        var versions = new List<ParameterVersion>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            versions.Add(ReadRow(reader, labels));
        return versions;
    }

    /// <summary>Points <paramref name="labels"/> at <paramref name="version"/> (moving them from any other version), as SSM's LabelParameterVersion does.</summary>
    public void LabelVersion(string name, long version, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var label in labels)
        {
            if (!LabelPattern().IsMatch(label) || label.All(char.IsAsciiDigit))
                throw new ParameterStoreException(ParameterStoreException.Validation, $"Label '{label}' is not valid: labels are 1-100 letters, digits, '.', '-' or '_', not only digits, and don't start with 'aws' or 'ssm'");
        }

        using var connection = LocalSqlite.Open(_connectionString);
        using var transaction = connection.BeginTransaction(deferred: false);
        if (ReadVersion(connection, transaction, name, version) is null)
            throw new ParameterStoreException(ParameterStoreException.ParameterVersionNotFound, $"Systems Manager could not find version {version} of {name}. Verify the version and try again.");
        foreach (var label in labels)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO parameter_labels (name, label, version) VALUES ($name, $label, $version) ON CONFLICT (name, label) DO UPDATE SET version = excluded.version";
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$label", label);
            command.Parameters.AddWithValue("$version", version);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Splits <c>name:selector</c> into the name and the version or label after the last colon; validates the name.</summary>
    public static (string Name, string? Selector) SplitSelector(string nameWithSelector)
    {
        ArgumentNullException.ThrowIfNull(nameWithSelector);
        var colon = nameWithSelector.LastIndexOf(':');
        var (name, selector) = colon < 0 ? (nameWithSelector, null) : (nameWithSelector[..colon], nameWithSelector[(colon + 1)..]);
        ValidateName(name);
        if (selector is { Length: 0 })
            throw new ParameterStoreException(ParameterStoreException.Validation, $"Parameter name '{nameWithSelector}' has an empty selector after ':'");
        return (name, selector);
    }

    private static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var problem = name.Length switch
        {
            0 => "is empty",
            > 2048 => "is longer than 2048 characters",
            _ when !NamePattern().IsMatch(name) => "may contain only letters, digits, '.', '-', '_' and '/'",
            _ when name.Contains("//", StringComparison.Ordinal) || name.Length > 1 && name.EndsWith('/') => "has an empty level between '/'",
            _ when name.Contains('/', StringComparison.Ordinal) && !name.StartsWith('/') => "must begin with '/' when it has levels",
            _ when name.TrimStart('/').StartsWith("aws", StringComparison.OrdinalIgnoreCase) || name.TrimStart('/').StartsWith("ssm", StringComparison.OrdinalIgnoreCase) => "can't begin with 'aws' or 'ssm' (reserved)",
            _ when name.Count(c => c == '/') > 15 => "has more than 15 levels",
            _ => null,
        };
        if (problem is not null)
            throw new ParameterStoreException(ParameterStoreException.Validation, $"Parameter name '{name}' {problem}");
    }

    private static ParameterVersion? ReadVersion(SqliteConnection connection, SqliteTransaction? transaction, string name, long? version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = version is null
            ? "SELECT name, version, type, value, description, modified_at FROM parameter_versions WHERE name = $name ORDER BY version DESC LIMIT 1"
            : "SELECT name, version, type, value, description, modified_at FROM parameter_versions WHERE name = $name AND version = $version";
        command.Parameters.AddWithValue("$name", name);
        if (version is not null)
            command.Parameters.AddWithValue("$version", version.Value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRow(reader, Labels(connection, name, transaction)) : null;
    }

    private static ParameterVersion ReadRow(SqliteDataReader reader, ILookup<long, string> labels)
    {
        var version = reader.GetInt64(1);
        return new ParameterVersion(
            reader.GetString(0),
            Enum.Parse<ParameterType>(reader.GetString(2)),
            reader.GetString(3),
            version,
            DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            labels[version].Order(StringComparer.Ordinal).ToArray(),
            reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    private static ILookup<long, string> Labels(SqliteConnection connection, string name, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version, label FROM parameter_labels WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        var pairs = new List<(long Version, string Label)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            pairs.Add((reader.GetInt64(0), reader.GetString(1)));
        return pairs.ToLookup(p => p.Version, p => p.Label);
    }

    private static long? LabelVersion(SqliteConnection connection, string name, string label)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM parameter_labels WHERE name = $name AND label = $label";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$label", label);
        return command.ExecuteScalar() is long version ? version : null;
    }

    [GeneratedRegex("^[a-zA-Z0-9_.\\-/]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^(?!aws|ssm)[a-zA-Z0-9_.\\-]{1,100}$", RegexOptions.IgnoreCase)]
    private static partial Regex LabelPattern();
}
