using System.Globalization;
using SageBuild.Cli.Projects;
using SageBuild.Engine.Api;
using SageBuild.Local.Scheduling;
using SageBuild.Local.Triggers;
using SageBuild.StateMachines.Json;

namespace SageBuild.Cli.Commands.Serve;

/// <summary>
/// One project of <c>sagebuild serve --project</c>: its pipeline machine on the served engine, its endpoint served again
/// from its data folder, and its triggers (a git branch, a data folder, schedules) starting builds. Builds run one at a
/// time through a <see cref="CoalescingTriggerQueue"/>: a trigger during a build is never dropped, and a burst folds
/// into one pending build of the newest commit. Every event is reported through <see cref="ServeReporter"/>.
/// </summary>
internal sealed class ServedProject : IAsyncDisposable
{
    private readonly LocalPipelineRun _run;
    private readonly ServeReporter _reporter;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CoalescingTriggerQueue _queue;
    private readonly List<IDisposable> _watchers = [];

    private ServedProject(LocalPipelineRun run, ServeReporter reporter)
    {
        _run = run;
        _reporter = reporter;
        _queue = new CoalescingTriggerQueue(BuildAsync, OnBuildError, _stopping.Token);
    }

    private ProjectFile Project => _run.Project;

    /// <summary>
    /// Starts the project's backends (its endpoint comes back from its data folder) and hands <paramref name="buildEngine"/>
    /// what the project adds to the served engine; the triggers wait for <see cref="StartTriggersAsync"/>.
    /// </summary>
    public static async Task<ServedProject> StartAsync(ProjectFile project, int endpointsPort, Func<Action<EngineBuilder>, WorkflowEngine> buildEngine, ServeReporter reporter, CancellationToken cancellationToken)
    {
        var run = await LocalPipelineRun.StartAsync(project, new LocalPipelineRunOptions
        {
            Port = endpointsPort,
            SharedEngine = buildEngine,
            // A watched branch builds the commit that triggered it; without one, the folder is built as it is.
            CommitSource = project.Triggers.GitBranch is null ? null : project.Triggers.GitRepository,
        }, cancellationToken);
        return new ServedProject(run, reporter);
    }

    /// <summary>Creates the pipeline machine, starts watching, then reports the endpoint and what is watched.</summary>
    public async Task StartTriggersAsync(CancellationToken cancellationToken)
    {
        var machine = _run.CreateStateMachine();
        var triggers = Project.Triggers;
        var endpointStatus = _run.Backends.EndpointStatus(Project.Options.EndpointName);
        var watching = new JsonObjectBuilder()
            .Set("event", "project")
            .Set("project", Project.Name)
            .Set("directory", Project.Directory)
            .Set("stateMachineArn", machine)
            .Set("endpoint", endpointStatus is null ? JsonValue.Null : _run.EndpointUrl)
            .Set("endpointStatus", endpointStatus is null ? JsonValue.Null : endpointStatus)
            .Set("serving", _run.ProductionBuild() is { } serving ? JsonNumber.From(serving) : JsonValue.Null)
            .Set("git", triggers.GitBranch is null ? JsonValue.Null : JsonObject.Create(("repository", triggers.GitRepository!), ("branch", triggers.GitBranch)))
            .Set("dataFolder", triggers.DataFolder is null ? JsonValue.Null : triggers.DataFolder)
            .Set("schedules", JsonArray.Create(triggers.Schedules.Select(s => (JsonValue)JsonString.From(s.Text))))
            .Build();

        if (triggers.GitBranch is { } branch)
        {
            var git = new GitBranchTrigger(new GitBranchTriggerOptions { RepositoryPath = triggers.GitRepository!, Branch = branch, PollInterval = triggers.GitPollInterval }, Submit);
            _watchers.Add(git);
            await git.StartAsync(cancellationToken);
        }

        if (triggers.DataFolder is { } folder)
        {
            var data = new DataFolderTrigger(new DataFolderTriggerOptions { FolderPath = folder, Debounce = triggers.DataDebounce }, Submit);
            _watchers.Add(data);
            data.Start();
        }

        foreach (var expression in triggers.Schedules)
        {
            var scheduler = new Scheduler(expression, occurrence => Submit(BuildTrigger.Scheduled(expression, occurrence)));
            _watchers.Add(scheduler);
            scheduler.Start();
        }

        // Only now: a change made once this line is read is seen by a watcher that already took its baseline.
        _reporter.Project(watching);
    }

    private void Submit(BuildTrigger trigger)
    {
        var queued = _queue.Running is not null;
        _queue.Submit(trigger);
        if (queued)
            _reporter.Queued(Project.Name, trigger);
    }

    private async Task BuildAsync(BuildTrigger trigger, CancellationToken cancellationToken)
    {
        var request = new JsonObjectBuilder()
            .Set("source", trigger.Source switch { TriggerSource.GitCommit => "git", TriggerSource.DataFolder => "data-folder", TriggerSource.Schedule => "schedule", _ => "manual" })
            .Set("commit", trigger.CommitId is null ? JsonValue.Null : trigger.CommitId)
            .Set("branch", Project.Triggers.GitBranch is null ? JsonValue.Null : Project.Triggers.GitBranch)
            .Set("detail", Detail(trigger))
            .Set("requestedAt", trigger.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .Build();
        var outcome = await _run.BuildAsync(request, executionArn => _reporter.BuildStarted(Project.Name, trigger, executionArn), null, cancellationToken);
        _reporter.BuildEnded(Project.Name, outcome);
    }

    private static string Detail(BuildTrigger trigger)
    {
        var what = trigger.Source switch
        {
            TriggerSource.GitCommit => $"commit {trigger.CommitId?[..Math.Min(12, trigger.CommitId.Length)]} on {trigger.Detail}",
            TriggerSource.DataFolder => $"{trigger.Files.Count} new or changed data file{(trigger.Files.Count == 1 ? "" : "s")}",
            TriggerSource.Schedule => $"schedule {trigger.Detail}",
            _ => trigger.Detail ?? "started by hand",
        };
        return trigger.CoalescedCount > 1 ? $"{what} ({trigger.CoalescedCount.ToString(CultureInfo.InvariantCulture)} requests coalesced)" : what;
    }

    private void OnBuildError(BuildTrigger trigger, Exception error) => _reporter.BuildError(Project.Name, trigger, error);

    /// <summary>Stops the watchers and starts no further build (the running one goes on until the engine stops).</summary>
    public async Task StopWatchingAsync()
    {
        foreach (var watcher in _watchers)
            watcher.Dispose();
        _watchers.Clear();
        await _stopping.CancelAsync();
    }

    /// <summary>Stops watching, stops the running build, then the project's processes (its endpoint included).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopWatchingAsync();
        await _queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _run.DisposeAsync();
        _stopping.Dispose();
    }
}
