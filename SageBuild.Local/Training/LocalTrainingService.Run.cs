using SageBuild.Local.Artifacts;
using SageBuild.Local.Images;
using SageBuild.Local.Jobs;
using SageBuild.Local.Processes;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Training;

/// <summary>Running one training job: layout, channels, the training command, upload and the outcome.</summary>
internal sealed partial class LocalTrainingService
{
    private async Task RunAsync(RunningTrainingJob job, TrainingJobSpec spec, string directory)
    {
        var record = job.Record;
        var localJob = new LocalJob(LocalJobKind.Training, spec.Name, Path.Combine(directory, "training.log"));
        using var log = new JobLog(localJob, context.Observers);
        context.Observers.JobStarted(localJob);
        context.Observers.StatusChanged(localJob, record.SecondaryStatus);
        using var maxRuntime = new CancellationTokenSource(TimeSpan.FromSeconds(spec.MaxRuntimeInSeconds), context.Time);
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(maxRuntime.Token, job.StopToken);
        var layout = new TrainingJobLayout(Path.Combine(directory, "opt", "ml"), spec);
        try
        {
            layout.Create(spec.InstanceType);
            if (spec.InstanceCount > 1)
                log.Write($"[sagebuild] InstanceCount is {spec.InstanceCount}: a local job runs on one host ({TrainingEnvironment.CurrentHost})");
            var image = ResolveImage(spec);

            Transition(record, localJob, "Downloading", "Downloading input data");
            layout.DownloadChannels(context.Artifacts);
            var moduleDirectory = PrepareCode(spec, layout);
            if (spec.CheckpointS3Uri is { } checkpoints && context.Artifacts.Exists(checkpoints))
                context.Artifacts.CopyTo(checkpoints, layout.CheckpointDirectory);
            var environment = new TrainingEnvironment(spec, layout, record.Arn, moduleDirectory);
            interrupted.Token.ThrowIfCancellationRequested();

            Transition(record, localJob, "Training", "Training image download completed. Training in progress.");
            foreach (var metric in spec.MetricDefinitions)
            {
                log.Listen(line =>
                {
                    if (metric.Match(line) is { } value)
                    {
                        record.RecordMetric(metric.Name, value, context.Now);
                        context.Observers.Metric(localJob, metric.Name, value);
                    }
                });
            }

            var exitCode = await TrainAsync(spec, image, environment, layout, log, interrupted.Token);
            if (exitCode is null)
            {
                await StoppedAsync(record, localJob, spec, layout, maxRuntime.IsCancellationRequested);
                return;
            }

            if (exitCode != 0)
            {
                record.Fail(FailureReason(layout, exitCode.Value, log), context.Now);
                return;
            }

            Transition(record, localJob, "Uploading", "Uploading generated training model");
            Upload(record, spec, layout);
            record.Transition("Completed", "Training job completed", context.Now, "Completed");
        }
        catch (TrainingClientException e)
        {
            record.Fail(Truncate("ClientError: " + e.Message), context.Now);
        }
        catch (ServiceException e)
        {
            record.Fail(Truncate("ClientError: " + e.Message), context.Now);
        }
        catch (OperationCanceledException)
        {
            await StoppedAsync(record, localJob, spec, layout, maxRuntime.IsCancellationRequested);
        }
#pragma warning disable CA1031 // Anything unexpected fails this job with its message rather than leaving it in progress forever.
        catch (Exception e)
        {
            record.Fail(Truncate("InternalServerError: " + e.Message), context.Now);
        }
#pragma warning restore CA1031
        finally
        {
            Save(record);
            log.Write($"[sagebuild] Training job {record.Status}{(record.FailureReason is null ? "" : ": " + record.FailureReason)}");
            context.Observers.StatusChanged(localJob, record.SecondaryStatus, record.FailureReason);
            _running.TryRemove(spec.Name, out _);
        }
    }

    private LocalImage ResolveImage(TrainingJobSpec spec)
    {
        var image = context.Images.Resolve(spec.TrainingImage, "AlgorithmSpecification.TrainingImage");
        return image.Training is null && spec.ContainerEntrypoint is null
            ? throw new TrainingClientException($"the image '{spec.TrainingImage}' has no training command (give it an Entrypoint or a TrainCommand)")
            : image;
    }

    /// <summary>Script mode: unpacks <c>sagemaker_submit_directory</c> into <c>code/</c>. Returns the module directory.</summary>
    private string? PrepareCode(TrainingJobSpec spec, TrainingJobLayout layout)
    {
        if (!spec.HyperParameters.TryGetValue("sagemaker_submit_directory", out var raw))
            return null;
        var source = TrainingEnvironment.Decode(raw) is JsonString { Value: var text } ? text : raw;
        try
        {
            CodeBundle.Unpack(context.Artifacts, source, layout.CodeDirectory);
        }
        catch (ArgumentException e)
        {
            throw new TrainingClientException($"sagemaker_submit_directory '{source}': {e.Message}");
        }

        return layout.CodeDirectory;
    }

    /// <summary>Runs the training command; returns its exit code, or null when it was stopped.</summary>
    private async Task<int?> TrainAsync(
        TrainingJobSpec spec, LocalImage image, TrainingEnvironment environment, TrainingJobLayout layout, JobLog log, CancellationToken interrupted)
    {
        string command;
        IReadOnlyList<string> arguments;
        if (spec.ContainerEntrypoint is { Count: > 0 } entrypoint)
        {
            // ContainerEntrypoint replaces the image's entry point, as in SageMaker; its arguments follow it.
            command = string.Join(' ', entrypoint.Select(ShellQuoting.Quote));
            arguments = spec.ContainerArguments ?? [];
        }
        else if (spec.ContainerArguments is { } containerArguments && image.Entrypoint is { } imageEntrypoint)
        {
            command = imageEntrypoint;
            arguments = containerArguments;
        }
        else
        {
            var (trainCommand, takesHyperParameters) = image.Training!.Value;
            command = trainCommand;
            arguments = takesHyperParameters ? environment.UserArguments() : [];
        }

        if (image.IsScriptMode && environment.Program is null)
            throw new TrainingClientException($"the script-mode image '{spec.TrainingImage}' needs the sagemaker_program hyperparameter naming the script to run");

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in image.Environment)
            variables[name] = value;
        foreach (var (name, value) in environment.Variables())
            variables[name] = value;
        foreach (var (name, value) in spec.Environment)
            variables[name] = value;

        var workingDirectory = image.IsScriptMode ? layout.CodeDirectory : image.WorkingDirectory ?? layout.CodeDirectory;
        await using var process = ChildProcess.Start(new ChildProcessStartInfo(command, workingDirectory, log.Write)
        {
            Arguments = arguments,
            Environment = variables,
        });
        try
        {
            return await process.Completion.WaitAsync(interrupted);
        }
        catch (OperationCanceledException)
        {
            await process.StopAsync(context.Options.StopGracePeriod);
            return null;
        }
    }

    private async Task StoppedAsync(TrainingJobRecord record, LocalJob localJob, TrainingJobSpec spec, TrainingJobLayout layout, bool maxRuntimeExceeded)
    {
        Transition(record, localJob, "Stopping", "Stopping the training job");
        // SageMaker still uploads what the job saved in model/ when it is stopped.
        await Task.Run(() =>
        {
            if (Directory.Exists(layout.ModelDirectory))
                Upload(record, spec, layout);
        });
        if (maxRuntimeExceeded)
            record.Transition("MaxRuntimeExceeded", "Training job stopped because it exceeded the maximum runtime", context.Now, "Stopped");
        else
            record.Transition("Stopped", "Training job stopped", context.Now, "Stopped");
    }

    private void Upload(TrainingJobRecord record, TrainingJobSpec spec, TrainingJobLayout layout)
    {
        var output = ArtifactStore.Combine(spec.S3OutputPath, spec.Name, "output");
        if (spec.CompressModel)
        {
            var model = ArtifactStore.Combine(output, "model.tar.gz");
            context.Artifacts.Write(model, path => TarGz.Pack(layout.ModelDirectory, path));
            record.ModelArtifacts = model;
        }
        else
        {
            var prefix = ArtifactStore.Combine(output, "model") + "/";
            foreach (var file in Directory.EnumerateFiles(layout.ModelDirectory, "*", SearchOption.AllDirectories))
                context.Artifacts.Put(prefix + Path.GetRelativePath(layout.ModelDirectory, file).Replace('\\', '/'), file);
            record.ModelArtifacts = prefix;
        }

        if (Directory.EnumerateFileSystemEntries(layout.OutputDataDirectory).Any())
            context.Artifacts.Write(ArtifactStore.Combine(output, "output.tar.gz"), path => TarGz.Pack(layout.OutputDataDirectory, path));
        if (spec.CheckpointS3Uri is { } checkpoints && Directory.Exists(layout.CheckpointDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(layout.CheckpointDirectory, "*", SearchOption.AllDirectories))
                context.Artifacts.Put(ArtifactStore.Combine(checkpoints, Path.GetRelativePath(layout.CheckpointDirectory, file).Replace('\\', '/')), file);
        }
    }

    private static string FailureReason(TrainingJobLayout layout, int exitCode, JobLog log)
    {
        // The algorithm's own explanation, as SageMaker reads it: the first 1024 characters of output/failure.
        if (File.Exists(layout.FailureFile) && File.ReadAllText(layout.FailureFile).TrimEnd() is { Length: > 0 } written)
            return Truncate(written);
        var tail = log.Tail();
        return Truncate($"AlgorithmError: the training command exited with code {exitCode}" + (tail.Length > 0 ? ". Last log lines:\n" + tail : ""));
    }

    private static string Truncate(string reason) => reason.Length > MaxFailureReasonLength ? reason[..MaxFailureReasonLength] : reason;

    private void Transition(TrainingJobRecord record, LocalJob localJob, string secondaryStatus, string message)
    {
        record.Transition(secondaryStatus, message, context.Now);
        Save(record);
        context.Observers.StatusChanged(localJob, secondaryStatus, message);
    }
}
