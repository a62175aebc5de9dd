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

    /// <summary>
    /// Whether builds take the folder as it is, ignoring a request's <c>SourceVersion</c>: <c>sagebuild run</c> builds
    /// what is in the project folder, uncommitted edits included, as <c>docker compose up --build</c> does.
    /// </summary>
    /// <value>False: a <c>SourceVersion</c> exports that commit.</value>
    public bool UsesWorkingCopy { get; init; }

    /// <summary>
    /// The image a build records when its buildspec has no <c>image</c> section: the project file's train and serve
    /// commands. A null <see cref="Images.LocalImage.WorkingDirectory"/> means the build's artifacts (else its source); a
    /// relative one is resolved against the build's source folder.
    /// </summary>
    /// <value>None: only a buildspec's <c>image</c> section records an image.</value>
    public Images.LocalImage? Image { get; init; }
}
