using SageBuild.Local.Artifacts;
using SageBuild.Local.Jobs;
using SageBuild.Local.Shapes;

namespace SageBuild.Local.Hosting;

internal sealed partial class LocalHostingService
{
    /// <summary>
    /// Starts a production variant: its model's artifacts extracted once (the <c>/opt/ml/model</c> equivalent), then
    /// InitialInstanceCount instances, each running every container of the model and healthy by <c>GET /ping</c>.
    /// </summary>
    private async Task<VariantDeployment> StartVariantAsync(LocalEndpoint endpoint, VariantSpec variant, string deploymentDirectory, CancellationToken cancellationToken)
    {
        var failurePrefix = $"The primary container for production variant {variant.VariantName} did not pass the ping health check";
        if (!_models.TryGetValue(variant.ModelName, out var model))
            throw new ContainerStartupException($"{failurePrefix}: the model \"{variant.ModelName}\" no longer exists.");
        var startedAt = context.Now;
        var timeout = variant.StartupTimeout ?? context.Options.ContainerStartupTimeout;
        var containers = new List<(ContainerSpec Spec, string Command, string WorkingDirectory, Dictionary<string, string?> Environment)>();
        foreach (var container in model.Containers)
        {
            try
            {
                containers.Add(await Task.Run(() => PrepareContainer(variant, container, deploymentDirectory), cancellationToken));
            }
            catch (Exception e) when (e is ServiceException or ArgumentException or IOException or InvalidDataException)
            {
                throw new ContainerStartupException($"{failurePrefix}: container {container.Hostname}: {e.Message}");
            }
        }

        var logsDirectory = context.PathUnder("hosting", "endpoints", endpoint.Name, "logs");
        var deploymentId = Path.GetFileName(deploymentDirectory);
        var instances = Enumerable.Range(1, variant.InstanceCount).Select(async number =>
        {
            var logs = new List<JobLog>();
            var starts = containers.Select(c =>
            {
                var log = new JobLog(new LocalJob(LocalJobKind.Endpoint, $"{endpoint.Name}/{variant.VariantName}",
                    Path.Combine(logsDirectory, $"{deploymentId}-{variant.VariantName}-{number}-{c.Spec.Hostname}.log")), context.Observers);
                logs.Add(log);
                return ServingContainer.StartAsync(c.Spec.Hostname, c.Command, c.WorkingDirectory, c.Environment, log, timeout, cancellationToken);
            }).ToList();
            try
            {
                await Task.WhenAll(starts);
            }
            catch
            {
                foreach (var started in starts.Where(s => s.IsCompletedSuccessfully))
                {
                    await started.Result.StopAsync(context.Options.StopGracePeriod);
                    await started.Result.DisposeAsync();
                }

                foreach (var log in logs)
                    log.Dispose();
                throw;
            }

            return new ServingInstance(starts.Select(s => s.Result).ToList(), logs, model.IsDirect);
        }).ToList();
        try
        {
            await Task.WhenAll(instances);
        }
        catch
        {
            foreach (var started in instances.Where(s => s.IsCompletedSuccessfully))
            {
                await started.Result.StopAsync(context.Options.StopGracePeriod);
                await started.Result.DisposeAsync();
            }

            if (instances.Select(s => s.Exception?.InnerException).OfType<ContainerStartupException>().FirstOrDefault() is { } failure)
                throw new ContainerStartupException($"{failurePrefix}: {failure.Message}");
            throw;
        }

        return new VariantDeployment(variant, model, instances.Select(i => i.Result).ToList(), model.Containers.Select(c => c.Image).ToList(), startedAt);
    }

    private (ContainerSpec, string, string, Dictionary<string, string?>) PrepareContainer(VariantSpec variant, ContainerSpec container, string deploymentDirectory)
    {
        var image = context.Images.Resolve(container.Image, "Image");
        var command = image.Serving ?? throw ServiceException.Invalid($"the image '{container.Image}' has no serve command");
        var root = Path.Combine(deploymentDirectory, variant.VariantName, container.Hostname);
        var modelDirectory = Path.Combine(root, "model");
        Directory.CreateDirectory(modelDirectory);
        if (container.ModelDataUrl is { } url)
        {
            var path = context.Artifacts.LocalPath(url);
            if (File.Exists(path) && (path.EndsWith(".tar.gz", StringComparison.Ordinal) || path.EndsWith(".tgz", StringComparison.Ordinal)))
                TarGz.Unpack(path, modelDirectory);
            else if (context.Artifacts.CopyTo(url, modelDirectory) == 0)
                throw new IOException($"no model data at {url} (looked in {path})");
        }

        var codeDirectory = Path.Combine(root, "code");
        if (container.Environment.TryGetValue("SAGEMAKER_SUBMIT_DIRECTORY", out var submitDirectory) && submitDirectory.Length > 0)
            CodeBundle.Unpack(context.Artifacts, submitDirectory, codeDirectory);
        else if (Directory.Exists(Path.Combine(modelDirectory, "code")))
            codeDirectory = Path.Combine(modelDirectory, "code"); // the SDK's repacked model.tar.gz carries the code inside
        Directory.CreateDirectory(codeDirectory);
        if (image.IsScriptMode && !container.Environment.ContainsKey("SAGEMAKER_PROGRAM"))
            throw ServiceException.Invalid($"the script-mode image '{container.Image}' needs the SAGEMAKER_PROGRAM environment variable naming the inference script");

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SAGEMAKER_BASE_DIR"] = root,
            ["SM_MODEL_DIR"] = modelDirectory,
            ["SM_MODULE_DIR"] = codeDirectory,
            ["PYTHONUNBUFFERED"] = "1",
        };
        foreach (var (name, value) in image.Environment)
            environment[name] = value;
        foreach (var (name, value) in container.Environment)
            environment[name] = value;
        var workingDirectory = image.IsScriptMode ? codeDirectory : image.WorkingDirectory ?? root;
        return (container, command, workingDirectory, environment);
    }
}
