using SageBuild.Engine.Api;

namespace SageBuild.Cli.Projects;

/// <summary>How <see cref="LocalPipelineRun.StartAsync(ProjectFile, LocalPipelineRunOptions, CancellationToken)"/> sets a project up.</summary>
public sealed record LocalPipelineRunOptions
{
    /// <summary>The data folder. <value>Default: null, <c>{project}/.sagebuild</c>.</value></summary>
    public string? DataDirectory { get; init; }

    /// <summary>The endpoints' invocation port. <value>Default: 0, a free port.</value></summary>
    public int Port { get; init; }

    /// <summary>
    /// Builds the engine the pipeline runs on, given what the project adds to it, when that engine is shared with
    /// others (<c>sagebuild serve</c>'s, so the builds show in its API and dashboard); the run then leaves it running
    /// when disposed. <value>Default: null, the run's own engine.</value>
    /// </summary>
    public Func<Action<EngineBuilder>, WorkflowEngine>? SharedEngine { get; init; }

    /// <summary>
    /// A git repository whose commits the builds check out (a request's <c>commit</c>, else its <c>branch</c>), as a
    /// watched branch needs. <value>Default: null, every build takes the project folder as it is.</value>
    /// </summary>
    public string? CommitSource { get; init; }
}
