namespace SageBuild.Local.Jobs;

/// <summary>A unit of local work that observers hear about: a build, a training or tuning job, or an endpoint.</summary>
/// <param name="Kind">What kind of work it is.</param>
/// <param name="Name">Its name: the build id, the job name or the endpoint name.</param>
/// <param name="LogPath">The file its log lines are written to, when it has one.</param>
public sealed record LocalJob(LocalJobKind Kind, string Name, string? LogPath);
