using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Build;

/// <summary>
/// Runs builds the way CodeBuild does: the source in a fresh work directory, the buildspec's phases in order in a
/// shell, the log streamed to a file and the observers, and the result as CodeBuild's <c>Build</c>. A build whose
/// buildspec declares an <c>image</c> records it in the image registry under <c>IMAGE_REPO_NAME:IMAGE_TAG</c>.
/// </summary>
internal sealed partial class LocalBuildService(LocalContext context) : IAsyncDisposable
{
    private static readonly string[] BuildPhases = ["INSTALL", "PRE_BUILD", "BUILD", "POST_BUILD"];

    private readonly ConcurrentDictionary<string, RunningBuild> _running = new(StringComparer.Ordinal);
    private readonly Lock _numbering = new();
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>
    /// Starts a build, or finds the one already started for <paramref name="idempotencyKey"/> (a task re-driven after
    /// a crash must not build twice).
    /// </summary>
    public RunningBuild Start(StartBuildRequest request, string idempotencyKey)
    {
        var keyFile = context.PathUnder("builds", ".idempotency", Hash(request.IdempotencyToken ?? idempotencyKey));
        lock (_numbering)
        {
            if (File.Exists(keyFile))
            {
                var existingId = File.ReadAllText(keyFile);
                if (_running.TryGetValue(existingId, out var running))
                    return running;
                if (Load(existingId) is { } finished)
                    return finished;
            }

            var project = ResolveProject(request);
            var number = NextBuildNumber(request.ProjectName);
            var id = $"{request.ProjectName}:{Guid.NewGuid():D}";
            var directory = context.PathUnder("builds", request.ProjectName, number.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            var record = new BuildRecord
            {
                Id = id,
                Arn = context.Arns.CodeBuild(id),
                ProjectName = request.ProjectName,
                BuildNumber = number,
                StartTime = context.Now,
                LogPath = Path.Combine(directory, "build.log"),
                TimeoutInMinutes = request.TimeoutInMinutesOverride ?? project.TimeoutInMinutes,
                SourceVersion = request.SourceVersion,
            };
            var build = new RunningBuild(record, directory);
            _running[id] = build;
            Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
            File.WriteAllText(keyFile, id);
            Save(build);
            build.Completion = Task.Run(() => RunAsync(build, request, project));
            return build;
        }
    }

    /// <summary>Waits for <paramref name="build"/>; cancelling the wait stops the build (as Step Functions stops a .sync build).</summary>
    public static async Task WaitAsync(RunningBuild build, CancellationToken cancellationToken)
    {
        await build.Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (cancellationToken.IsCancellationRequested)
            build.Stop();
        await build.Completion; // after a stop, wait until the build has really ended
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        foreach (var build in _running.Values)
        {
            build.Stop();
            await build.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _shutdown.Dispose();
    }

    private LocalBuildProject ResolveProject(StartBuildRequest request)
    {
        if (context.Options.BuildProjects.TryGetValue(request.ProjectName, out var project))
            return request.SourceLocationOverride is null ? project : project with { SourceDirectory = request.SourceLocationOverride };
        return request.SourceLocationOverride is { } location
            ? new LocalBuildProject(location)
            : throw new ServiceException(ServiceException.InvalidInput,
                $"Project cannot be found: '{request.ProjectName}' is not in LocalBackendsOptions.BuildProjects and the request has no SourceLocationOverride");
    }

    private long NextBuildNumber(string project)
    {
        var file = context.PathUnder("builds", project, "build-number");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var next = File.Exists(file) ? long.Parse(File.ReadAllText(file), CultureInfo.InvariantCulture) + 1 : 1;
        File.WriteAllText(file, next.ToString(CultureInfo.InvariantCulture));
        return next;
    }

    private static void Save(RunningBuild build)
    {
        var path = Path.Combine(build.Directory, "build.json");
        File.WriteAllText(path + ".partial", build.Describe().ToJson(indented: true));
        File.Move(path + ".partial", path, overwrite: true);
    }

    private RunningBuild? Load(string buildId)
    {
        var parts = buildId.Split(':');
        var projectDirectory = context.PathUnder("builds", parts[0]);
        if (!Directory.Exists(projectDirectory))
            return null;
        foreach (var directory in Directory.EnumerateDirectories(projectDirectory))
        {
            var file = Path.Combine(directory, "build.json");
            if (!File.Exists(file))
                continue;
            var saved = (JsonObject)JsonValue.Parse(File.ReadAllText(file));
            var json = (JsonObject)saved["Build"];
            if (json["Id"] is JsonString { Value: var id } && id == buildId && json["BuildComplete"] is JsonBoolean { Value: true })
                return RunningBuild.Finished(saved, directory);
        }

        return null;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
