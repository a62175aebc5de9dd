namespace SageBuild.Cli.Projects;

/// <summary>A project file that cannot be used; <see cref="Errors"/> lists every problem, each naming its key.</summary>
public sealed class ProjectFileException : Exception
{
    public ProjectFileException(string path, IReadOnlyList<string> errors)
        : base($"{path} has {errors?.Count ?? 0} problem{(errors?.Count == 1 ? "" : "s")}:" + string.Concat((errors ?? []).Select(e => Environment.NewLine + "  " + e)))
        => Errors = errors ?? [];

    public ProjectFileException()
        : this("the project file", [])
    {
    }

    public ProjectFileException(string message)
        : base(message) => Errors = [message];

    public ProjectFileException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Every problem, such as <c>image.serve: is required</c> or <c>pipeline.training.instanceCount: must be ≥ 1</c>.</summary>
    public IReadOnlyList<string> Errors { get; }
}
