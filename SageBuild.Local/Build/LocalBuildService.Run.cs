using System.Globalization;
using SageBuild.Local.Images;
using SageBuild.Local.Jobs;
using SageBuild.Local.Processes;
using SageBuild.Local.Shapes;

namespace SageBuild.Local.Build;

/// <summary>Running one build: source, phases, artifacts and image.</summary>
internal sealed partial class LocalBuildService
{
    private async Task RunAsync(RunningBuild build, StartBuildRequest request, LocalBuildProject project)
    {
        var record = build.Record!;
        var job = new LocalJob(LocalJobKind.Build, record.Id, record.LogPath);
        using var log = new JobLog(job, context.Observers);
        context.Observers.JobStarted(job);
        context.Observers.StatusChanged(job, "IN_PROGRESS");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(record.TimeoutInMinutes), context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, build.StopToken);
        var token = linked.Token;
        var status = "SUCCEEDED";
        try
        {
            var submitted = record.StartPhase("SUBMITTED", record.StartTime);
            record.EndPhase(submitted, "SUCCEEDED", context.Now);
            var sourceDirectory = Path.Combine(build.Directory, "src");
            var buildspec = await DownloadSourceAsync(build, request, project, sourceDirectory, log, token);
            if (buildspec is { Image: null } && project.Image is { } projectImage)
                buildspec = buildspec with { Image = new BuildspecImage(projectImage.Entrypoint, projectImage.TrainCommand, projectImage.ServeCommand, projectImage.WorkingDirectory, projectImage.Environment) };
            if (buildspec is null)
            {
                status = token.IsCancellationRequested ? Interrupted(timeout) : "FAILED";
                return;
            }

            var environment = BaseEnvironment(record, request, project, buildspec, sourceDirectory, build.Directory);
            var failedPhase = (string?)null;
            foreach (var phaseType in BuildPhases)
            {
                // After a failed INSTALL or PRE_BUILD the build stops; after a failed BUILD, POST_BUILD still runs.
                if (failedPhase is not null && !(failedPhase == "BUILD" && phaseType == "POST_BUILD"))
                    break;
                var phase = buildspec.Phases.FirstOrDefault(p => p.PhaseType == phaseType)
                    ?? new BuildspecPhase(phaseType, [], [], ContinueOnFailure: false);
                var phaseStatus = await RunPhaseAsync(record, phase, buildspec, environment, sourceDirectory, build.Directory, failedPhase is null, log, timeout, token);
                if (phaseStatus == "SUCCEEDED")
                    continue;
                if (phaseStatus != "FAILED")
                {
                    status = Interrupted(timeout);
                    return;
                }

                status = "FAILED";
                if (!phase.ContinueOnFailure)
                    failedPhase ??= phaseType;
            }

            if (status == "SUCCEEDED" && !Upload(build, buildspec, environment, sourceDirectory, log))
                status = "FAILED";
            record.ExportedVariables = ReadExported(buildspec, build.Directory);
        }
#pragma warning disable CA1031 // Anything unexpected fails this build with its message, as CodeBuild reports a FAULT.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Write($"[Container] {context.Now:yyyy/MM/dd HH:mm:ss} Build failed unexpectedly: {e.Message}");
            status = "FAULT";
        }
#pragma warning restore CA1031
        catch (OperationCanceledException)
        {
            status = Interrupted(timeout);
        }
        finally
        {
            var finalizing = record.StartPhase("FINALIZING", context.Now);
            record.EndPhase(finalizing, "SUCCEEDED", context.Now);
            record.StartPhase("COMPLETED", context.Now);
            record.Complete(status, context.Now);
            log.Write($"[Container] {context.Now:yyyy/MM/dd HH:mm:ss} Build {status}");
            Save(build);
            context.Observers.StatusChanged(job, status);
            _running.TryRemove(record.Id, out _);
        }
    }

    private static string Interrupted(CancellationTokenSource timeout) => timeout.IsCancellationRequested ? "TIMED_OUT" : "STOPPED";

    private async Task<Buildspec?> DownloadSourceAsync(
        RunningBuild build, StartBuildRequest request, LocalBuildProject project, string sourceDirectory, JobLog log, CancellationToken token)
    {
        var record = build.Record!;
        var phase = record.StartPhase("DOWNLOAD_SOURCE", context.Now);
        Stamp(log, "Entering phase DOWNLOAD_SOURCE");
        try
        {
            record.ResolvedSourceVersion = await SourceCheckout.CheckoutAsync(
                project.SourceDirectory, project.UsesWorkingCopy ? null : request.SourceVersion, sourceDirectory, context.Options.SourceExclusions, context.DataDirectory, token);
            var buildspec = LoadBuildspec(request.BuildspecOverride, project.Buildspec, sourceDirectory);
            record.EndPhase(phase, "SUCCEEDED", context.Now);
            Stamp(log, "Phase complete: DOWNLOAD_SOURCE State: SUCCEEDED");
            return buildspec;
        }
        catch (BuildSourceException e)
        {
            return FailPhase(record, phase, log, "CLIENT_ERROR", e.Message);
        }
        catch (BuildspecException e)
        {
            return FailPhase(record, phase, log, "YAML_FILE_ERROR", e.Message);
        }
        catch (OperationCanceledException)
        {
            record.EndPhase(phase, "STOPPED", context.Now);
            return null;
        }
    }

    private Buildspec? FailPhase(BuildRecord record, BuildPhaseRecord phase, JobLog log, string code, string message)
    {
        record.EndPhase(phase, "FAILED", context.Now, (code, message));
        Stamp(log, $"Phase complete: {phase.PhaseType} State: FAILED");
        Stamp(log, $"Phase context status code: {code} Message: {message}");
        return null;
    }

    private static Buildspec LoadBuildspec(string? buildspecOverride, string buildspecPath, string sourceDirectory)
    {
        // As in CodeBuild, an override is either the buildspec itself (YAML) or a path to one in the source.
        if (buildspecOverride is not null && buildspecOverride.Contains('\n', StringComparison.Ordinal))
            return BuildspecParser.Parse(buildspecOverride, "BuildspecOverride");
        var path = Path.Combine(sourceDirectory, buildspecOverride ?? buildspecPath);
        return File.Exists(path)
            ? BuildspecParser.Parse(File.ReadAllText(path), Path.GetFileName(path))
            : throw new BuildspecException($"no buildspec at '{buildspecOverride ?? buildspecPath}' in the source");
    }

    private static Dictionary<string, string?> BaseEnvironment(
        BuildRecord record, StartBuildRequest request, LocalBuildProject project, Buildspec buildspec, string sourceDirectory, string buildDirectory)
    {
        // CodeBuild's precedence: the start request's overrides, then the project, then the buildspec.
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in buildspec.Variables)
            environment[name] = value;
        foreach (var (name, value) in project.Environment)
            environment[name] = value;
        foreach (var (name, value) in request.EnvironmentVariablesOverride)
            environment[name] = value;
        environment["CODEBUILD_BUILD_ID"] = record.Id;
        environment["CODEBUILD_BUILD_ARN"] = record.Arn;
        environment["CODEBUILD_BUILD_NUMBER"] = record.BuildNumber.ToString(CultureInfo.InvariantCulture);
        environment["CODEBUILD_INITIATOR"] = "sagebuild-local";
        environment["CODEBUILD_SRC_DIR"] = sourceDirectory;
        environment["CODEBUILD_SOURCE_VERSION"] = record.SourceVersion;
        environment["CODEBUILD_RESOLVED_SOURCE_VERSION"] = record.ResolvedSourceVersion;
        environment["CODEBUILD_START_TIME"] = record.StartTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        environment["CODEBUILD_LOCAL"] = "true";
        environment["SAGEBUILD_BUILD_STATE"] = Path.Combine(buildDirectory, "state");
        Directory.CreateDirectory(Path.Combine(buildDirectory, "state"));
        return environment;
    }

    private async Task<string> RunPhaseAsync(
        BuildRecord record, BuildspecPhase phase, Buildspec buildspec, Dictionary<string, string?> environment, string sourceDirectory,
        string buildDirectory, bool succeeding, JobLog log, CancellationTokenSource timeout, CancellationToken token)
    {
        var phaseRecord = record.StartPhase(phase.PhaseType, context.Now);
        Stamp(log, $"Entering phase {phase.PhaseType}");
        if (phase.Commands.Count == 0 && phase.Finally.Count == 0)
        {
            record.EndPhase(phaseRecord, "SUCCEEDED", context.Now);
            Stamp(log, $"Phase complete: {phase.PhaseType} State: SUCCEEDED");
            return "SUCCEEDED";
        }

        var stateDirectory = Path.Combine(buildDirectory, "state");
        var script = Path.Combine(stateDirectory, phase.PhaseType.ToLowerInvariant() + ".sh");
        await File.WriteAllTextAsync(script, PhaseScript.Create(phase, succeeding, buildspec.ExportedVariables), token);
        var failedFile = Path.Combine(stateDirectory, PhaseScript.FailedCommandFile);
        File.Delete(failedFile);
        File.Delete(Path.Combine(stateDirectory, PhaseScript.CurrentCommandFile));

        await using var process = ChildProcess.Start(new ChildProcessStartInfo("exec " + buildspec.Shell, sourceDirectory, log.Write)
        {
            Arguments = [script],
            Environment = environment,
        });
        int exitCode;
        try
        {
            exitCode = await process.Completion.WaitAsync(token);
        }
        catch (OperationCanceledException)
        {
            await process.StopAsync(context.Options.StopGracePeriod);
            var interrupted = Interrupted(timeout);
            record.EndPhase(phaseRecord, interrupted, context.Now);
            Stamp(log, $"Phase complete: {phase.PhaseType} State: {interrupted}");
            return interrupted;
        }

        if (exitCode == 0)
        {
            record.EndPhase(phaseRecord, "SUCCEEDED", context.Now);
            Stamp(log, $"Phase complete: {phase.PhaseType} State: SUCCEEDED");
            return "SUCCEEDED";
        }

        // The failed command was recorded, or, when a command ended the shell itself (exit 3), it is the one that was running.
        var currentFile = Path.Combine(stateDirectory, PhaseScript.CurrentCommandFile);
        var failed = File.Exists(failedFile) ? await File.ReadAllTextAsync(failedFile, CancellationToken.None)
            : File.Exists(currentFile) ? await File.ReadAllTextAsync(currentFile, CancellationToken.None)
            : null;
        var command = failed switch
        {
            null => null,
            ['f', .. var rest] => phase.Finally.ElementAtOrDefault(int.Parse(rest, CultureInfo.InvariantCulture)),
            _ => phase.Commands.ElementAtOrDefault(int.Parse(failed, CultureInfo.InvariantCulture)),
        };
        var message = command is null
            ? $"Error while executing the {phase.PhaseType} phase. Reason: exit status {exitCode}"
            : $"Error while executing command: {command}. Reason: exit status {exitCode}";
        FailPhase(record, phaseRecord, log, "COMMAND_EXECUTION_ERROR", message);
        return "FAILED";
    }

    private bool Upload(RunningBuild build, Buildspec buildspec, Dictionary<string, string?> environment, string sourceDirectory, JobLog log)
    {
        var record = build.Record!;
        var phase = record.StartPhase("UPLOAD_ARTIFACTS", context.Now);
        Stamp(log, "Entering phase UPLOAD_ARTIFACTS");
        string? artifactsDirectory = null;
        if (buildspec.Artifacts is { } artifacts)
        {
            artifactsDirectory = Path.Combine(build.Directory, "artifacts");
            var baseDirectory = Path.GetFullPath(Path.Combine(sourceDirectory, artifacts.BaseDirectory ?? "."));
            var copied = BuildArtifacts.Collect(baseDirectory, artifacts, artifactsDirectory);
            if (copied == 0)
            {
                FailPhase(record, phase, log, "CLIENT_ERROR", $"no matching artifact paths found for {string.Join(", ", artifacts.Files)}");
                return false;
            }

            record.ArtifactsLocation = new Uri(artifactsDirectory).AbsoluteUri;
            Stamp(log, $"Collected {copied} artifact file(s) into {artifactsDirectory}");
        }

        if (buildspec.Image is { } image)
        {
            // The pipeline names the repository by its URI (IMAGE_REPOSITORY_URI), as a docker push would; the
            // registry host means nothing locally, so the image is recorded under the repository's name.
            var repository = environment.GetValueOrDefault("IMAGE_REPO_NAME")
                ?? (environment.GetValueOrDefault("IMAGE_REPOSITORY_URI") is { Length: > 0 } uri ? uri[(uri.IndexOf('/', StringComparison.Ordinal) + 1)..] : null)
                ?? record.ProjectName.ToLowerInvariant();
            var reference = $"{repository}:{environment.GetValueOrDefault("IMAGE_TAG") ?? "latest"}";
            try
            {
                context.Images.Record(reference, new LocalImage
                {
                    Entrypoint = image.Entrypoint,
                    TrainCommand = image.Train,
                    ServeCommand = image.Serve,
                    WorkingDirectory = image.WorkingDirectory is { } relative
                        ? Path.GetFullPath(Path.Combine(sourceDirectory, relative))
                        : artifactsDirectory ?? sourceDirectory,
                    Environment = image.Environment,
                    BuildId = record.Id,
                });
            }
            catch (ServiceException e)
            {
                FailPhase(record, phase, log, "CLIENT_ERROR", $"cannot record the image: {e.Message}");
                return false;
            }

            record.Image = reference;
            Stamp(log, $"Recorded image {reference}");
        }

        record.EndPhase(phase, "SUCCEEDED", context.Now);
        Stamp(log, "Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED");
        return true;
    }

    private static List<KeyValuePair<string, string>> ReadExported(Buildspec buildspec, string buildDirectory) =>
        buildspec.ExportedVariables
            .Select(name => (name, path: Path.Combine(buildDirectory, "state", "exported." + name)))
            .Where(v => File.Exists(v.path))
            .Select(v => KeyValuePair.Create(v.name, File.ReadAllText(v.path)))
            .ToList();

    private void Stamp(JobLog log, string message) =>
        log.Write($"[Container] {context.Now.UtcDateTime.ToString("yyyy/MM/dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} {message}");
}
