namespace SageBuild.Local.Build;

/// <summary>A local build project: what <c>codebuild:startBuild</c>'s <c>ProjectName</c> names.</summary>
/// <param name="SourceDirectory">The project's source: a folder, or a git work tree (a <c>SourceVersion</c> then checks out that commit).</param>
public sealed record LocalBuildProject(string SourceDirectory)
{
    /// <summary>The buildspec, relative to the source directory (or absolute).</summary>
    /// <value><c>buildspec.yml</c>.</value>
    public string Buildspec { get; init; } = "buildspec.yml";

    /// <summary>The project's environment variables; a buildspec's <c>env.variables</c> yield to them, a start override beats them.</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a build may take before it is stopped as <c>TIMED_OUT</c>.</summary>
    /// <value>60 minutes, CodeBuild's default.</value>
    public int TimeoutInMinutes { get; init; } = 60;
}
