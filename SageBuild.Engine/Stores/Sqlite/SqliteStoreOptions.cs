using System.ComponentModel.DataAnnotations;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>Settings of the SQLite stores; checked when a store opens.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The database file; its folder is created when missing.</summary>
    /// <value>Required.</value>
    [Required(AllowEmptyStrings = false)]
    public string DatabasePath { get; init; } = "";

    /// <summary>
    /// Whether each barrier also flushes the redo log to the disk, and each SQLite commit too (<c>synchronous=FULL</c>),
    /// so that what was confirmed survives a power cut or an OS crash as well as a crash of the process.
    /// </summary>
    /// <value>
    /// Default: false. The barrier's write to the redo log and SQLite's commits (WAL, <c>synchronous=NORMAL</c>) are in
    /// the OS's page cache when they return, so a killed process (even <c>kill -9</c>) loses nothing confirmed. Only a
    /// power cut or kernel crash can lose the last ones, and never corrupts the database. True adds an fsync per
    /// barrier and per commit, which costs more than the whole step on most disks.
    /// </value>
    public bool SurvivesPowerLoss { get; init; }

    /// <summary>The redo log's room for frames between two rewinds (tests make it small). Default: 32 MB.</summary>
    internal long RedoLogCapacity { get; init; } = 32L * 1024 * 1024;

    /// <summary>
    /// The bytes of pages written to SQLite's WAL between two checkpoints (tests make it small). Default: 16 MB. The
    /// WAL starts again from its beginning after each, so its file stays about this size and is written over instead
    /// of grown (a new block costs the file system about 2 µs to allocate and zero). Measured with bench: 4 MB made (a)
    /// unsteady, since a checkpoint then landed in most of its rounds; 64 MB left (d) writing new blocks.
    /// </summary>
    internal long CheckpointBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// Whether a background thread moves logged writes into SQLite; when false only readers and disposal do, so that
    /// tests can copy the files as a crash would leave them, with frames logged but not applied. Default: true.
    /// </summary>
    internal bool AppliesInBackground { get; init; } = true;

    /// <summary>Checks these options and returns the database's full path, its folder created when missing.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    internal string ResolveDatabasePath()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
            throw new ArgumentException($"{nameof(SqliteStoreOptions)} is invalid: " + string.Join("; ", results.Select(r => $"{string.Join(",", r.MemberNames)}: {r.ErrorMessage}")));
        var path = Path.GetFullPath(DatabasePath);
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        return path;
    }
}
