using System.Diagnostics;
using System.Globalization;
using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Functions.Handlers;
using SageBuild.Functions.Pipeline;
using SageBuild.Local;
using SageBuild.Local.Build;
using SageBuild.Local.Ledger;
using SageBuild.Local.Notifications;
using SageBuild.Local.Parameters;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Cli.Projects;

/// <summary>
/// A project's pipeline on this machine: the SageBuild pipeline on the embedded engine, its CodeBuild and SageMaker
/// tasks on the local backends, its parameter, ledger and notifications in the data folder (SQLite and an outbox file),
/// and its Lambda steps in-process. Everything persists in the data folder, so the next run is the next build and
/// finds the endpoint the last one deployed. Disposing stops every process it started.
/// </summary>
public sealed class LocalPipelineRun : IAsyncDisposable
{
    private readonly WorkflowEngine _engine;
    private readonly StateMachineDefinition _definition;

    private readonly bool _ownsEngine;

    private LocalPipelineRun(ProjectFile project, string dataDirectory, LocalBackends backends, ParameterStore parameters, LedgerStore ledger, RunObserver observer, Func<Action<EngineBuilder>, WorkflowEngine>? sharedEngine)
    {
        Project = project;
        DataDirectory = dataDirectory;
        Backends = backends;
        Parameters = parameters;
        Ledger = ledger;
        Observer = observer;
        var options = project.Options;
        _definition = PipelineDefinition.Create(options).Build();
        _ownsEngine = sharedEngine is null;
        _engine = sharedEngine is null
            ? Register(new EngineBuilder { Options = new EngineOptions { AccountId = LocalAccount, Region = options.Region } }).Build()
            : sharedEngine(builder => Register(builder));
    }

    /// <summary>Adds what the project's pipeline calls to <paramref name="builder"/>: the local backends, its parameter, ledger, notifications and Lambda steps.</summary>
    private EngineBuilder Register(EngineBuilder builder)
    {
        builder.AddLocalBackends(Backends)
            .AddIntegration(new SsmParameterIntegration(Parameters))
            .AddIntegration(new DynamoDbIntegration(Ledger))
            .AddIntegration(new SnsPublishIntegration(new NotificationPublisher(new NotificationOptions { WriteToConsole = false, OutboxPath = OutboxPath })));
        foreach (var handler in FunctionCatalog.Steps())
            builder.AddLambdaFunction(Project.Options.FunctionName(handler.Name), (payload, _) => ValueTask.FromResult(handler.Handle(payload)));
        return builder;
    }

    /// <summary>The account of every local ARN (<see cref="PipelineOptions.Local"/>'s).</summary>
    public const string LocalAccount = "000000000000";

    /// <summary>The project being built.</summary>
    public ProjectFile Project { get; }

    /// <summary>Where everything is kept (full path).</summary>
    public string DataDirectory { get; }

    /// <summary>The running local backends.</summary>
    public LocalBackends Backends { get; }

    /// <summary>The local parameter store (the pipeline's configuration parameter).</summary>
    public ParameterStore Parameters { get; }

    /// <summary>The build ledger (the model registry).</summary>
    public LedgerStore Ledger { get; }

    /// <summary>What the backends report during a build.</summary>
    public RunObserver Observer { get; }

    /// <summary>The notifications sent, one JSON object a line.</summary>
    public string OutboxPath => Path.Combine(DataDirectory, "notifications.jsonl");

    /// <summary>The endpoint's stable invocation URL.</summary>
    public string EndpointUrl => Backends.EndpointUrl(Project.Options.EndpointName);

    /// <summary>
    /// Opens the project's data folder (<paramref name="dataDirectory"/>, default <c>{project}/.sagebuild</c>) and starts
    /// the backends, with the endpoints' invocation server on <paramref name="port"/> (0: a free port).
    /// </summary>
    public static Task<LocalPipelineRun> StartAsync(ProjectFile project, string? dataDirectory = null, int port = 0, CancellationToken cancellationToken = default) =>
        StartAsync(project, new LocalPipelineRunOptions { DataDirectory = dataDirectory, Port = port }, cancellationToken);

    /// <summary>
    /// Like <see cref="StartAsync(ProjectFile, string?, int, CancellationToken)"/>, with the choices of
    /// <paramref name="runOptions"/>: an engine shared with others (<c>sagebuild serve</c>), and builds of commits.
    /// </summary>
    public static async Task<LocalPipelineRun> StartAsync(ProjectFile project, LocalPipelineRunOptions runOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runOptions);
        var dataDirectory = runOptions.DataDirectory;
        var port = runOptions.Port;
        ArgumentNullException.ThrowIfNull(project);
        var data = Path.GetFullPath(dataDirectory ?? Path.Combine(project.Directory, LocalBackendsInfo.DefaultDataDirectoryName));
        Directory.CreateDirectory(data);
        var options = project.Options;
        var observer = new RunObserver();
        var backends = await LocalBackends.StartAsync(new LocalBackendsOptions
        {
            DataDirectory = data,
            AccountId = LocalAccount,
            Region = options.Region,
            HostingPort = port,
            Observers = [observer],
            BuildProjects = new Dictionary<string, LocalBuildProject>
            {
                [options.ImageBuildProjectName] = new(runOptions.CommitSource ?? project.Directory) { Buildspec = project.Buildspec, UsesWorkingCopy = runOptions.CommitSource is null, Image = project.Image },
            },
        }, cancellationToken);
        var parameters = new ParameterStore(ParameterStoreOptions.InDirectory(data) with { AccountId = LocalAccount, Region = options.Region });
        var ledger = new LedgerStore(new LedgerStoreOptions
        {
            DatabasePath = Path.Combine(data, "ledger.db"),
            Tables = [new LedgerTableOptions { TableName = options.LedgerTableName, PartitionKey = "pk" }],
        });
        return new LocalPipelineRun(project, data, backends, parameters, ledger, observer, runOptions.SharedEngine);
    }

    /// <summary>
    /// Runs one build: uploads the project's data, stores its configuration (a new parameter version only when it
    /// changed), and executes the pipeline. <paramref name="progress"/> hears every history event as it happens.
    /// </summary>
    public Task<RunOutcome> BuildAsync(string detail, Action<HistoryEvent>? progress = null, CancellationToken cancellationToken = default) =>
        BuildAsync(JsonObject.Create(("source", "manual"), ("detail", detail), ("requestedAt", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))), null, progress, cancellationToken);

    /// <summary>
    /// Runs one build for <paramref name="request"/> (the pipeline's build request: <c>source</c>, <c>commit</c>,
    /// <c>branch</c>, <c>detail</c>, <c>requestedAt</c>); <paramref name="started"/> hears the execution's ARN as soon as it starts.
    /// </summary>
    public async Task<RunOutcome> BuildAsync(JsonObject request, Action<string>? started, Action<HistoryEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Observer.Reset();
        var startedAt = Stopwatch.GetTimestamp();
        UploadData();
        StoreConfiguration();
        var machine = CreateStateMachine();
        var execution = await _engine.StartExecutionAsync(machine, request, new StartExecutionOptions(), cancellationToken);
        started?.Invoke(execution.ExecutionArn);
        var record = progress is null
            ? await _engine.WaitForExecutionAsync(execution.ExecutionArn, cancellationToken)
            : await FollowAsync(execution.ExecutionArn, progress, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(startedAt);
        return Outcome(record, elapsed);
    }

    /// <summary>Creates the project's pipeline machine on the engine (again: the same definition is the same machine); returns its ARN.</summary>
    public string CreateStateMachine() => _engine.CreateStateMachine(Project.Options.StateMachineName, _definition).StateMachineArn;

    private async Task<ExecutionRecord> FollowAsync(string executionArn, Action<HistoryEvent> progress, CancellationToken cancellationToken)
    {
        var wait = _engine.WaitForExecutionAsync(executionArn, cancellationToken);
        var seen = 0;
        while (true)
        {
            var done = wait.IsCompleted;
            var history = await _engine.GetExecutionHistoryAsync(executionArn, cancellationToken);
            for (; seen < history.Count; seen++)
                progress(history[seen]);
            if (done)
                return await wait;
            await Task.WhenAny(wait, Task.Delay(100, cancellationToken));
        }
    }

    private RunOutcome Outcome(ExecutionRecord record, TimeSpan elapsed)
    {
        var output = record.Output as JsonObject;
        var build = Number(output, "build", "id") ?? LatestBuildNumber();
        var status = record.Status == ExecutionStatus.SUCCEEDED
            ? Text(output, "outcome", "status") ?? "FAILED"
            : "FAILED";
        var failure = status == "FAILED" ? BuildFailure.Describe(FailureText(build)) ?? BuildFailure.Describe(record.Cause) ?? record.Error : null;
        var summary = status == "FAILED" ? $"Build {build?.ToString(CultureInfo.InvariantCulture) ?? "?"} failed: {failure}" : Text(output, "outcome", "summary") ?? record.Cause;
        var serving = ProductionBuild();
        var endpointLive = Backends.EndpointStatus(Project.Options.EndpointName) is "InService" or "Updating" or "SystemUpdating";
        return new RunOutcome
        {
            Status = status,
            Build = build,
            Endpoint = endpointLive ? EndpointUrl : null,
            Metrics = new Dictionary<string, double>(Observer.Metrics),
            Summary = summary,
            Failure = failure,
            Serving = endpointLive ? serving : null,
            ExecutionArn = record.ExecutionArn,
            Elapsed = elapsed,
            CommandTime = Observer.CommandTime,
        };
    }

    /// <summary>The build the production record names (the endpoint serves it), or null before the first deploy.</summary>
    public long? ProductionBuild() => long.TryParse(LedgerAttribute("production", "buildNumber"), CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A ledger item in DynamoDB JSON (<c>{"pk": {"S": ...}, ...}</c>), or null.</summary>
    public JsonObject? LedgerItem(string pk)
    {
        var response = Ledger.GetItem(JsonObject.Create(("TableName", Project.Options.LedgerTableName), ("Key", JsonObject.Create(("pk", JsonObject.Create(("S", pk)))))));
        return response.TryGetValue("Item", out var item) ? item as JsonObject : null;
    }

    /// <summary>Writes a ledger item in DynamoDB JSON, replacing the one with its key.</summary>
    public void PutLedgerItem(JsonObject item) => Ledger.PutItem(JsonObject.Create(("TableName", Project.Options.LedgerTableName), ("Item", item)));

    /// <summary>A string or number attribute of a ledger item, or null.</summary>
    public string? LedgerAttribute(string pk, string name)
    {
        if (LedgerItem(pk) is not { } o || !o.TryGetValue(name, out var value) || value is not JsonObject typed)
            return null;
        return typed.TryGetValue("S", out var s) ? ((JsonString)s).Value : typed.TryGetValue("N", out var n) ? ((JsonString)n).Value : null;
    }

    private long? LatestBuildNumber() => long.TryParse(LedgerAttribute("counter", "buildNumber"), CultureInfo.InvariantCulture, out var n) ? n : null;

    private string? FailureText(long? build) => build is { } n ? LedgerAttribute("build#" + n.ToString(CultureInfo.InvariantCulture), "failure") : null;

    private void UploadData()
    {
        foreach (var (channel, folder) in Project.Data)
        {
            var prefix = Project.ChannelUri(channel);
            Backends.Artifacts.Delete(prefix);
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                Backends.Artifacts.Put(prefix + Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), file);
        }
    }

    private void StoreConfiguration()
    {
        var name = Project.Options.ConfigParameterName;
        var document = Project.ConfigurationDocument().ToJson();
        var history = Parameters.GetHistory(name);
        var current = history.Count > 0 ? history[^1] : null;
        if (current?.Value != document)
            Parameters.Put(name, document, ParameterType.String, overwrite: true, description: $"from {Project.Directory}/{ProjectFile.FileName}");
    }

    private static JsonValue? At(JsonObject? o, params string[] path)
    {
        JsonValue? value = o;
        foreach (var key in path)
            value = value is JsonObject obj && obj.TryGetValue(key, out var next) ? next : null;
        return value;
    }

    private static string? Text(JsonObject? o, params string[] path) => At(o, path) is JsonString s ? s.Value : null;

    private static long? Number(JsonObject? o, params string[] path) => At(o, path) switch
    {
        JsonString s when long.TryParse(s.Value, CultureInfo.InvariantCulture, out var n) => n,
        JsonNumber n when n.TryGetInt64(out var v) => v,
        _ => null,
    };

    /// <summary>Stops the engine, then every build, job and serving process.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsEngine)
            await _engine.DisposeAsync();
        await Backends.DisposeAsync();
    }
}
