using System.Collections.Concurrent;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Training;

/// <summary>
/// Runs training jobs under SageMaker's training contract: the job directory laid out like <c>/opt/ml</c>, the
/// image's training command with the toolkit's environment, the log streamed and searched for metrics,
/// <c>model/</c> packed into <c>model.tar.gz</c> under <c>{S3OutputPath}/{job}/output/</c>, the failure reason from
/// <c>output/failure</c>, MaxRuntimeInSeconds enforced, and a stop as SIGTERM then SIGKILL.
/// Jobs are idempotent by name: starting a job that exists returns it (and a running one is awaited, never restarted).
/// </summary>
internal sealed partial class LocalTrainingService(LocalContext context) : IAsyncDisposable
{
    private const int MaxFailureReasonLength = 1024;

    private readonly ConcurrentDictionary<string, RunningTrainingJob> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Starts the job <paramref name="parameters"/> describe, or returns the one of that name. Throws <see cref="ServiceException"/> on a bad request.</summary>
    public RunningTrainingJob Start(JsonValue parameters, string? tuningJobArn = null)
    {
        var spec = TrainingJobSpec.Parse(parameters);
        lock (_gate)
        {
            if (_running.TryGetValue(spec.Name, out var running))
                return running;
            var directory = context.PathUnder("training", spec.Name);
            if (Load(spec.Name) is { IsTerminal: true } finished)
                return new RunningTrainingJob(finished);

            // A job saved as in progress belonged to a process that is gone: run it again from the start.
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
            Directory.CreateDirectory(directory);
            var record = new TrainingJobRecord
            {
                Name = spec.Name,
                Arn = context.Arns.SageMaker("training-job", spec.Name),
                Request = spec.Request,
                TuningJobArn = tuningJobArn,
                CreationTime = context.Now,
            };
            record.Transition("Starting", "Preparing the instances for training", context.Now);
            var job = new RunningTrainingJob(record);
            _running[spec.Name] = job;
            Save(record);
            job.Completion = Task.Run(() => RunAsync(job, spec, directory));
            return job;
        }
    }

    /// <summary>The job named <paramref name="name"/>, running or saved; null when there is none.</summary>
    public TrainingJobRecord? Describe(string name) =>
        _running.TryGetValue(name, out var running) ? running.Record : Load(name);

    /// <summary>Stops a running job; false when no job of that name is running.</summary>
    public bool Stop(string name)
    {
        if (!_running.TryGetValue(name, out var running))
            return false;
        running.Stop();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var job in _running.Values)
        {
            job.Stop();
            await job.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Save(TrainingJobRecord record)
    {
        var path = context.PathUnder("training", record.Name, "job.json");
        File.WriteAllText(path + ".partial", record.Describe(TimestampFormat.Iso8601).ToJson(indented: true));
        File.Move(path + ".partial", path, overwrite: true);
    }

    private TrainingJobRecord? Load(string name)
    {
        var path = context.PathUnder("training", name, "job.json");
        return File.Exists(path) ? TrainingJobRecord.Load((JsonObject)JsonValue.Parse(File.ReadAllText(path))) : null;
    }
}
