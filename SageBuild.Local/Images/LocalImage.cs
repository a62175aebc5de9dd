namespace SageBuild.Local.Images;

/// <summary>
/// A local "container image": the commands SageMaker would run inside it. Give either an <see cref="Entrypoint"/>,
/// run as SageMaker runs a container (<c>{Entrypoint} train</c> for training, <c>{Entrypoint} serve</c> for hosting,
/// with no other arguments), or explicit <see cref="TrainCommand"/> and <see cref="ServeCommand"/>; an explicit
/// training command receives the hyperparameters as script-mode arguments (<c>--name value</c>, sorted by name).
/// </summary>
/// <remarks>Commands run with <c>/bin/sh -c</c> in <see cref="WorkingDirectory"/>.</remarks>
public sealed record LocalImage
{
    /// <summary>The container's entry point; SageMaker appends <c>train</c> or <c>serve</c>.</summary>
    public string? Entrypoint { get; init; }

    /// <summary>The training command; it receives the hyperparameters as <c>--name value</c> arguments.</summary>
    public string? TrainCommand { get; init; }

    /// <summary>The serving command; it must answer <c>GET /ping</c> and <c>POST /invocations</c> on <c>SAGEMAKER_BIND_TO_PORT</c>.</summary>
    public string? ServeCommand { get; init; }

    /// <summary>The directory the commands run in (the image's file system); null runs them in the job's code directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables the image sets, like a Dockerfile's <c>ENV</c>; the job's own variables win.</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The build that recorded the image, when a build did.</summary>
    public string? BuildId { get; init; }

    /// <summary>
    /// Whether this is a framework image in script mode: the user's program comes from the <c>sagemaker_program</c>
    /// hyperparameter (training) or the <c>SAGEMAKER_PROGRAM</c> variable (hosting), and the code from
    /// <c>sagemaker_submit_directory</c> / <c>SAGEMAKER_SUBMIT_DIRECTORY</c>.
    /// </summary>
    public bool IsScriptMode { get; init; }

    /// <summary>The training command and whether it takes the hyperparameters as arguments, or null when the image cannot train.</summary>
    internal (string Command, bool TakesHyperparameters)? Training =>
        TrainCommand is not null ? (TrainCommand, true)
        : Entrypoint is not null ? ($"{Entrypoint} train", false)
        : null;

    /// <summary>The serving command, or null when the image cannot serve.</summary>
    internal string? Serving => ServeCommand ?? (Entrypoint is null ? null : $"{Entrypoint} serve");
}
