using System.Globalization;
using SageBuild.Local.Build;
using SageBuild.Local.Images;
using SageBuild.Local.Jobs;

namespace SageBuild.Local;

/// <summary>
/// Settings of the local build, training and hosting backends. Validated once, by <see cref="LocalBackends.StartAsync"/>.
/// </summary>
public sealed record LocalBackendsOptions
{
    /// <summary>Where all local state lives: artifacts (<c>s3/</c>), images, builds, training jobs, endpoints. Required.</summary>
    public string DataDirectory { get; init; } = "";

    /// <summary>The loopback port of the endpoints' invocation URL (<c>http://127.0.0.1:{port}/endpoints/{name}/invocations</c>).</summary>
    /// <value>0: a free port is chosen at start.</value>
    public int HostingPort { get; init; }

    /// <summary>How long a stopped job or serving process has between SIGTERM and SIGKILL.</summary>
    /// <value>10 seconds.</value>
    public TimeSpan StopGracePeriod { get; init; } = LocalBackendsDefaults.StopGracePeriod;

    /// <summary>How long a serving process has to answer <c>GET /ping</c> with 200, unless the production variant sets
    /// <c>ContainerStartupHealthCheckTimeoutInSeconds</c>.</summary>
    /// <value>60 seconds.</value>
    public TimeSpan ContainerStartupTimeout { get; init; } = LocalBackendsDefaults.ContainerStartupTimeout;

    /// <summary>How long a blue/green switch waits for requests in flight on the old variant before stopping it anyway.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan DrainTimeout { get; init; } = LocalBackendsDefaults.DrainTimeout;

    /// <summary>The region in the ARNs handed out.</summary>
    /// <value><c>us-east-1</c>.</value>
    public string Region { get; init; } = LocalBackendsDefaults.Region;

    /// <summary>The 12-digit account id in the ARNs handed out.</summary>
    /// <value><c>123456789012</c>.</value>
    public string AccountId { get; init; } = LocalBackendsDefaults.AccountId;

    /// <summary>The build projects that <c>codebuild:startBuild</c>'s <c>ProjectName</c> can name.</summary>
    /// <value>Empty: every request then needs a <c>SourceLocationOverride</c>.</value>
    public IReadOnlyDictionary<string, LocalBuildProject> BuildProjects { get; init; } = new Dictionary<string, LocalBuildProject>();

    /// <summary>Images by reference (<c>repository:tag</c>, any registry host), beside those that builds record.</summary>
    /// <value>Empty.</value>
    public IReadOnlyDictionary<string, LocalImage> Images { get; init; } = new Dictionary<string, LocalImage>();

    /// <summary>Who hears about jobs, log lines, metrics and status changes.</summary>
    /// <value>None.</value>
    public IReadOnlyList<ILocalBackendObserver> Observers { get; init; } = [];

    /// <summary>The clock for timestamps, build timeouts and maximum run times.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The Python that the built-in script-mode framework images run.</summary>
    /// <value><c>python3</c>.</value>
    public string PythonCommand { get; init; } = LocalBackendsDefaults.PythonCommand;

    /// <summary>File and folder names a build's source copy leaves out (when no <c>SourceVersion</c> is given).</summary>
    /// <value><c>.git</c>, <c>.sagebuild</c>, <c>bin</c>, <c>obj</c>, <c>__pycache__</c>, <c>node_modules</c>, <c>.venv</c>.</value>
    public IReadOnlyCollection<string> SourceExclusions { get; init; } = LocalBackendsDefaults.SourceExclusions;

    /// <summary>Whether endpoints that were in service when the backends last stopped are started again.</summary>
    /// <value>True: endpoints are durable, as in SageMaker.</value>
    public bool RestoreEndpoints { get; init; } = true;

    /// <summary>Every problem with these options, each naming the option; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string key, string problem)
        {
            if (!ok)
                errors.Add($"{nameof(LocalBackendsOptions)}.{key}: {problem}");
        }

        Check(!string.IsNullOrWhiteSpace(DataDirectory), nameof(DataDirectory), "is required");
        Check(HostingPort is >= 0 and <= 65535, nameof(HostingPort), $"must be between 0 and 65535, not {HostingPort}");
        Check(StopGracePeriod > TimeSpan.Zero, nameof(StopGracePeriod), "must be positive");
        Check(ContainerStartupTimeout > TimeSpan.Zero, nameof(ContainerStartupTimeout), "must be positive");
        Check(DrainTimeout >= TimeSpan.Zero, nameof(DrainTimeout), "must not be negative");
        Check(!string.IsNullOrWhiteSpace(Region) && Region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'),
            nameof(Region), $"'{Region}' is not a region name such as us-east-1");
        Check(AccountId is { Length: 12 } && AccountId.All(char.IsAsciiDigit), nameof(AccountId), $"'{AccountId}' is not a 12-digit account id");
        Check(!string.IsNullOrWhiteSpace(PythonCommand), nameof(PythonCommand), "is required");
        foreach (var (name, project) in BuildProjects)
        {
            Check(!string.IsNullOrWhiteSpace(project.SourceDirectory), $"{nameof(BuildProjects)}[{name}].SourceDirectory", "is required");
            Check(project.TimeoutInMinutes is >= 5 and <= 2160, $"{nameof(BuildProjects)}[{name}].TimeoutInMinutes",
                $"must be between 5 and 2160, not {project.TimeoutInMinutes.ToString(CultureInfo.InvariantCulture)}");
        }

        foreach (var (reference, image) in Images)
        {
            Check(image.Training is not null || image.Serving is not null, $"{nameof(Images)}[{reference}]",
                "needs an Entrypoint, a TrainCommand or a ServeCommand");
        }

        return errors;
    }
}
