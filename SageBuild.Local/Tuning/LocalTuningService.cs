using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SageBuild.Local.Jobs;
using SageBuild.Local.Shapes;
using SageBuild.Local.Training;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Tuning;

/// <summary>
/// Runs hyperparameter tuning jobs as local training jobs: up to MaxNumberOfTrainingJobs of them, at most
/// MaxParallelTrainingJobs at a time, each trying hyperparameters drawn from the ranges. Grid walks the
/// combinations of the categorical ranges; Random draws uniformly (in log space for logarithmic scaling) from a
/// seed (RandomSeed, or one derived from the job's name). Locally, Bayesian and Hyperband also draw at random:
/// the candidates are not guided by earlier results, and no job is stopped early.
/// </summary>
internal sealed class LocalTuningService(LocalContext context, LocalTrainingService training) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningTuningJob> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public RunningTuningJob Start(JsonValue parameters)
    {
        var spec = TuningJobSpec.Parse(parameters);
        lock (_gate)
        {
            if (_running.TryGetValue(spec.Name, out var running))
                return running;
            var saved = context.PathUnder("tuning", spec.Name, "tuning.json");
            if (File.Exists(saved) && JsonValue.Parse(File.ReadAllText(saved)) is JsonObject finished
                && finished["HyperParameterTuningJobStatus"] is JsonString { Value: "Completed" or "Failed" or "Stopped" })
            {
                return RunningTuningJob.Finished(finished);
            }

            var record = new TuningJobRecord(spec, context.Arns.SageMaker("hyper-parameter-tuning-job", spec.Name), context.Now);
            var job = new RunningTuningJob(record);
            _running[spec.Name] = job;
            job.Completion = Task.Run(() => RunAsync(job));
            return job;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var job in _running.Values)
        {
            job.Stop();
            await job.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(RunningTuningJob job)
    {
        var record = job.Record!;
        var spec = record.Spec;
        var localJob = new LocalJob(LocalJobKind.Tuning, spec.Name, null);
        context.Observers.JobStarted(localJob);
        context.Observers.StatusChanged(localJob, "InProgress");
        using var maxRuntime = spec.MaxRuntimeInSeconds is { } seconds
            ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), context.Time)
            : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(job.StopToken, maxRuntime.Token);
        using var slots = new SemaphoreSlim(spec.MaxParallelTrainingJobs);
        var trials = new List<Task>();
        try
        {
            var candidates = spec.Candidates();
            for (var i = 0; i < candidates.Count; i++)
            {
                await slots.WaitAsync(stop.Token);
                if (TargetReached(record))
                {
                    slots.Release();
                    break;
                }

                var trial = new TuningTrial(TrainingJobName(spec.Name, i + 1), candidates[i]);
                record.Add(trial, context.Now);
                trials.Add(RunTrialAsync(record, trial, slots, stop.Token));
                Save(record);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped, or out of time: no new training jobs; the running ones are stopped below.
        }

        await Task.WhenAll(trials);
        var best = record.Best();
        if (job.StopToken.IsCancellationRequested)
            record.Finish("Stopped", null, context.Now);
        else if (best is not null)
            record.Finish("Completed", null, context.Now);
        else
            record.Finish("Failed", $"No training job reported the objective metric {spec.ObjectiveMetric}: every training job failed or its log never matched the metric's regex.", context.Now);
        Save(record);
        context.Observers.StatusChanged(localJob, record.Status, record.FailureReason);
        _running.TryRemove(spec.Name, out _);
    }

    private async Task RunTrialAsync(TuningJobRecord record, TuningTrial trial, SemaphoreSlim slots, CancellationToken stop)
    {
        try
        {
            trial.Job = training.Start(TrainingRequest(record.Spec, trial), record.Arn);
            Save(record);
            await trial.Job.WaitAsync(stop);
        }
        catch (ServiceException e)
        {
            trial.CreationFailure = e.Message;
        }
        catch (OperationCanceledException)
        {
            // The training job was stopped with the tuning job.
        }
        finally
        {
            slots.Release();
            Save(record);
        }
    }

    private static bool TargetReached(TuningJobRecord record)
    {
        if (record.Spec.TargetObjectiveMetricValue is not { } target || record.Best() is not { } best || record.Objective(best) is not { } value)
            return false;
        return record.Spec.ObjectiveType == "Maximize" ? value >= target : value <= target;
    }

    /// <summary>The CreateTrainingJob request of one trial: the definition, with static and tuned hyperparameters.</summary>
    private static JsonObject TrainingRequest(TuningJobSpec spec, TuningTrial trial)
    {
        var definition = spec.Definition;
        var hyperParameters = new JsonObjectBuilder();
        foreach (var (name, value) in definition.StringMap("StaticHyperParameters"))
            hyperParameters.Set(name, value);
        foreach (var (name, value) in trial.TunedHyperParameters)
            hyperParameters.Set(name, value);
        var request = new JsonObjectBuilder().Set("TrainingJobName", trial.TrainingJobName).Set("HyperParameters", hyperParameters.Build());
        foreach (var field in new[]
        {
            "AlgorithmSpecification", "RoleArn", "InputDataConfig", "OutputDataConfig", "ResourceConfig", "StoppingCondition", "VpcConfig",
            "EnableNetworkIsolation", "EnableInterContainerTrafficEncryption", "EnableManagedSpotTraining", "CheckpointConfig", "Environment",
        })
        {
            if (definition.Value.TryGetValue(field, out var value))
                request.Set(field, value);
        }

        return request.Build();
    }

    /// <summary>SageMaker's naming: the tuning job's name, a three-digit number and eight hex digits.</summary>
    private static string TrainingJobName(string tuningJob, int number)
    {
        var suffix = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tuningJob}/{number}")))[..8];
        return $"{tuningJob}-{number.ToString("000", CultureInfo.InvariantCulture)}-{suffix}";
    }

    private void Save(TuningJobRecord record)
    {
        var path = context.PathUnder("tuning", record.Spec.Name, "tuning.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        lock (_gate)
        {
            File.WriteAllText(path + ".partial", record.Describe(TimestampFormat.EpochMilliseconds).ToJson(indented: true));
            File.Move(path + ".partial", path, overwrite: true);
        }
    }
}
