namespace SageBuild.Local.Triggers;

/// <summary>
/// Watches a data folder and asks for a build when files are added or changed, debounced: changes reset a quiet
/// timer, and when it runs out the folder is compared with what was there before; one build is asked for, listing
/// every new or changed file. Files present when watching started build nothing, nor do deletions, nor hidden files
/// (names starting with '.', which downloaders and editors use while a file is still being written).
/// </summary>
public sealed class DataFolderTrigger : IDisposable
{
    private readonly DataFolderTriggerOptions _options;
    private readonly Action<BuildTrigger> _onTrigger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _quiet;
    private Dictionary<string, (long Length, DateTime Modified)> _snapshot = [];
    private int _observedChanges;

    /// <summary>Creates a watcher; it asks for nothing until <see cref="Start"/>.</summary>
    public DataFolderTrigger(DataFolderTriggerOptions options, Action<BuildTrigger> onTrigger, TimeProvider? timeProvider = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _onTrigger = onTrigger ?? throw new ArgumentNullException(nameof(onTrigger));
        _time = timeProvider ?? TimeProvider.System;
        if (!Directory.Exists(options.FolderPath))
            throw new ArgumentException($"{nameof(DataFolderTriggerOptions)}.{nameof(DataFolderTriggerOptions.FolderPath)}: no folder at '{options.FolderPath}'", nameof(options));
        if (options.Debounce < TimeSpan.Zero)
            throw new ArgumentException($"{nameof(DataFolderTriggerOptions)}.{nameof(DataFolderTriggerOptions.Debounce)} can't be negative", nameof(options));
    }

    /// <summary>How many file-system changes have been noticed; for diagnostics and tests.</summary>
    public int ObservedChanges => Volatile.Read(ref _observedChanges);

    /// <summary>Takes the folder's current contents as the baseline and starts watching.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _snapshot = Scan();
            _quiet = _time.CreateTimer(_ => OnQuiet(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(_options.FolderPath)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Created += (_, _) => NoteChange();
            _watcher.Changed += (_, _) => NoteChange();
            _watcher.Renamed += (_, _) => NoteChange();
            _watcher.Error += (_, _) => NoteChange();   // an overflow lost events: the scan at the end of the quiet period still sees every file
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>Looks at the folder now, without waiting for the quiet period; returns whether a build was asked for.</summary>
    public bool CheckNow()
    {
        BuildTrigger? trigger;
        lock (_gate)
        {
            var current = Scan();
            var changed = current
                .Where(f => !_snapshot.TryGetValue(f.Key, out var before) || before != f.Value)
                .Select(f => f.Key)
                .Order(StringComparer.Ordinal)
                .ToArray();
            _snapshot = current;
            trigger = changed.Length == 0 ? null : new BuildTrigger(TriggerSource.DataFolder, _time.GetUtcNow(), ChangedFiles: changed, Detail: $"folder {_options.FolderPath}");
        }

        if (trigger is not null)
            _onTrigger(trigger);
        return trigger is not null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _watcher?.Dispose();
            _quiet?.Dispose();
        }
    }

    private void NoteChange()
    {
        Interlocked.Increment(ref _observedChanges);
        lock (_gate)
            _quiet?.Change(_options.Debounce, Timeout.InfiniteTimeSpan);
    }

    private void OnQuiet()
    {
#pragma warning disable CA1031 // A scan that fails (a file vanishing mid-scan) is retried on the next change.
        try
        {
            CheckNow();
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    private Dictionary<string, (long Length, DateTime Modified)> Scan()
    {
        var files = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        var root = new DirectoryInfo(_options.FolderPath);
        foreach (var file in root.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root.FullName, file.FullName);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
                continue;
            files[relative] = (file.Length, file.LastWriteTimeUtc);
        }

        return files;
    }
}
