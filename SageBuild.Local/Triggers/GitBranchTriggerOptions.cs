namespace SageBuild.Local.Triggers;

/// <summary>Which branch of which local repository to watch, and how often to look.</summary>
public sealed record GitBranchTriggerOptions
{
    /// <summary>The repository's working tree or .git folder.</summary>
    public required string RepositoryPath { get; init; }

    /// <summary>The branch to watch, such as <c>dev</c> or <c>master</c>.</summary>
    public required string Branch { get; init; }

    /// <summary>How often the branch is read. <value>Default: 2 seconds.</value></summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The git executable. <value>Default: <c>git</c> from PATH.</value></summary>
    public string GitExecutable { get; init; } = "git";
}
