namespace SageBuild.Local.Triggers;

/// <summary>Which data folder to watch, and how long it must be quiet before a build is asked for.</summary>
public sealed record DataFolderTriggerOptions
{
    /// <summary>The folder; its subfolders are watched too.</summary>
    public required string FolderPath { get; init; }

    /// <summary>
    /// How long after the last change the folder must stay quiet: a burst of files (a copy of a whole dataset) asks
    /// for one build, once it is over. <value>Default: 2 seconds.</value>
    /// </summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromSeconds(2);
}
