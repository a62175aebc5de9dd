using SageBuild.Engine.Integrations;
using SageBuild.Local.Artifacts;
using SageBuild.Local.Build;
using SageBuild.Local.Hosting;
using SageBuild.Local.Images;
using SageBuild.Local.Integrations;
using SageBuild.Local.Jobs;
using SageBuild.Local.Processes;
using SageBuild.Local.Shapes;
using SageBuild.Local.Training;
using SageBuild.Local.Tuning;

namespace SageBuild.Local;

/// <summary>
/// The local build, training, tuning and hosting backends, running: hand <see cref="Integrations"/> to the engine's
/// integration registry, and the pipeline's CodeBuild and SageMaker tasks run on this machine. Disposing stops every
/// build, job and serving process it started (endpoints stay recorded and come back at the next start).
/// </summary>
/// <example>
/// <code>
/// await using var local = await LocalBackends.StartAsync(new LocalBackendsOptions { DataDirectory = ".sagebuild" });
/// // register local.Integrations with the engine; after a deploy:
/// Console.WriteLine(local.EndpointUrl("my-model")); // http://127.0.0.1:{port}/endpoints/my-model/invocations
/// </code>
/// </example>
public sealed partial class LocalBackends : IAsyncDisposable
{
    private readonly LocalContext _context;
    private readonly InvocationServer _server;

    private LocalBackends(LocalContext context, LocalBuildService builds, LocalTrainingService training, LocalTuningService tuning, LocalHostingService hosting, InvocationServer server)
    {
        _context = context;
        Builds = builds;
        Training = training;
        Tuning = tuning;
        Hosting = hosting;
        _server = server;
        Integrations =
        [
            new CodeBuildIntegration(builds),
            new SageMakerTrainingIntegration(training),
            new SageMakerTuningIntegration(tuning),
            new SageMakerHostingIntegration(hosting),
            new SageMakerSdkIntegration(hosting, training),
            new SageMakerRuntimeIntegration(hosting),
        ];
    }

    /// <summary>The service integrations to register with the engine, one per family of <c>service:action</c> keys.</summary>
    public IReadOnlyList<IServiceIntegration> Integrations { get; }

    /// <summary>The local stand-in for S3, rooted at <c>{DataDirectory}/s3</c>.</summary>
    public ArtifactStore Artifacts => _context.Artifacts;

    /// <summary>The local images: those builds recorded, those in the options, and the script-mode framework images.</summary>
    public ImageRegistry Images => _context.Images;

    /// <summary>The full path of the data directory.</summary>
    public string DataDirectory => _context.DataDirectory;

    /// <summary>The base URL of the endpoints' invocation server, such as <c>http://127.0.0.1:8080</c>.</summary>
    public string InvocationBaseUrl => _server.BaseUrl;

    internal LocalBuildService Builds { get; }

    internal LocalTrainingService Training { get; }

    internal LocalTuningService Tuning { get; }

    internal LocalHostingService Hosting { get; }

    /// <summary>
    /// Validates <paramref name="options"/>, prepares the data directory, starts the invocation server on loopback
    /// and, unless told otherwise, brings back the endpoints that were in service.
    /// </summary>
    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public static async Task<LocalBackends> StartAsync(LocalBackendsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));

        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var scriptModeServer = Path.Combine(dataDirectory, "runtime", "script_mode_serve.py");
        WriteResource("script_mode_serve.py", scriptModeServer);
        var python = options.PythonCommand;
        var scriptMode = new LocalImage
        {
            TrainCommand = $"exec {python} \"$SAGEMAKER_PROGRAM\"",
            ServeCommand = $"exec {python} {ShellQuoting.Quote(scriptModeServer)}",
            IsScriptMode = true,
        };
        var context = new LocalContext(
            options,
            dataDirectory,
            new ArtifactStore(Path.Combine(dataDirectory, "s3")),
            new ImageRegistry(Path.Combine(dataDirectory, "images"), options.Images, scriptMode),
            new ObserverHub(options.Observers),
            new ArnFormat(options.Region, options.AccountId));

        var builds = new LocalBuildService(context);
        var training = new LocalTrainingService(context);
        var tuning = new LocalTuningService(context, training);
        var hosting = new LocalHostingService(context);
        var server = await InvocationServer.StartAsync(hosting, options.HostingPort, cancellationToken);
        hosting.Load();
        return new LocalBackends(context, builds, training, tuning, hosting, server);
    }

    /// <summary>
    /// The stable invocation URL of endpoint <paramref name="endpointName"/>: SageMaker Runtime's path
    /// <c>/endpoints/{name}/invocations</c> on the local invocation server. It stays the same across blue/green updates.
    /// </summary>
    public string EndpointUrl(string endpointName) =>
        $"{_server.BaseUrl}/endpoints/{Uri.EscapeDataString(endpointName)}/invocations";

    /// <summary>The short alias of <see cref="EndpointUrl"/>: <c>POST {base}/{name}</c>.</summary>
    public string EndpointAliasUrl(string endpointName) => $"{_server.BaseUrl}/{Uri.EscapeDataString(endpointName)}";

    /// <summary>The status DescribeEndpoint would report for <paramref name="endpointName"/>, or null when there is no such endpoint.</summary>
    public string? EndpointStatus(string endpointName)
    {
        if (!Hosting.Endpoints.TryGetValue(endpointName, out var endpoint))
            return null;
        lock (endpoint.Gate)
            return endpoint.Status;
    }

    /// <summary>Stops every build, job and serving process, and the invocation server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await Tuning.DisposeAsync();
        await Training.DisposeAsync();
        await Builds.DisposeAsync();
        await Hosting.DisposeAsync();
    }

    private static void WriteResource(string name, string path)
    {
        var assembly = typeof(LocalBackends).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path) || File.ReadAllText(path) != text)
            File.WriteAllText(path, text);
    }
}
