using SageBuild.Local.Scheduling;

namespace SageBuild.Cli.Projects;

/// <summary>
/// The <c>triggers</c> section of a project file: what starts a build while <c>sagebuild serve --project</c> runs.
/// Every part is optional; an empty section starts no build.
/// </summary>
public sealed record ProjectTriggers
{
    /// <summary>No trigger.</summary>
    public static readonly ProjectTriggers None = new();

    /// <summary>The git repository to watch (full path; <c>triggers.git.repository</c>, default the project folder), or null.</summary>
    public string? GitRepository { get; init; }

    /// <summary>The branch whose new commits each start a build of that commit (<c>triggers.git.branch</c>), or null.</summary>
    public string? GitBranch { get; init; }

    /// <summary>How often the branch is read (<c>triggers.git.pollSeconds</c>). <value>Default: 2 seconds.</value></summary>
    public TimeSpan GitPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The data folder whose new files start a build (full path; <c>triggers.data.folder</c>), or null.</summary>
    public string? DataFolder { get; init; }

    /// <summary>How long the folder must be quiet first (<c>triggers.data.debounceSeconds</c>). <value>Default: 2 seconds.</value></summary>
    public TimeSpan DataDebounce { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>EventBridge schedule expressions (<c>triggers.schedule</c>), each starting a build at its occurrences.</summary>
    public IReadOnlyList<ScheduleExpression> Schedules { get; init; } = [];

    /// <summary>Whether anything is watched.</summary>
    public bool IsEmpty => GitBranch is null && DataFolder is null && Schedules.Count == 0;
}
