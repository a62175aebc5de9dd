using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Tuning;

/// <summary>A tuning job's state, rendered as SageMaker's DescribeHyperParameterTuningJob response.</summary>
internal sealed class TuningJobRecord(TuningJobSpec spec, string arn, DateTimeOffset creationTime)
{
    private readonly Lock _gate = new();
    private readonly List<TuningTrial> _trials = [];

    public TuningJobSpec Spec { get; } = spec;

    public string Arn { get; } = arn;

    public DateTimeOffset CreationTime { get; } = creationTime;

    public DateTimeOffset LastModifiedTime { get; private set; } = creationTime;

    public DateTimeOffset? EndTime { get; private set; }

    /// <summary>InProgress, Completed, Failed, Stopping or Stopped.</summary>
    public string Status { get; private set; } = "InProgress";

    public string? FailureReason { get; private set; }

    public bool IsTerminal => Status is "Completed" or "Failed" or "Stopped";

    public void Add(TuningTrial trial, DateTimeOffset now)
    {
        lock (_gate)
        {
            _trials.Add(trial);
            LastModifiedTime = now;
        }
    }

    public void Finish(string status, string? failureReason, DateTimeOffset now)
    {
        lock (_gate)
        {
            Status = status;
            FailureReason = failureReason;
            EndTime = now;
            LastModifiedTime = now;
        }
    }

    /// <summary>The objective value of each trial that reported it.</summary>
    public double? Objective(TuningTrial trial) =>
        trial.Job is { Record: { Status: "Completed" } record } ? record.FinalMetric(Spec.ObjectiveMetric) : null;

    /// <summary>The completed trial with the best objective, if any.</summary>
    public TuningTrial? Best()
    {
        lock (_gate)
            return BestLocked();
    }

    public JsonObject Describe(TimestampFormat format)
    {
        lock (_gate)
        {
            var statuses = _trials.Select(t => t.CreationFailure is not null ? "Failed" : t.Job?.Record.Status ?? "InProgress").ToList();
            var description = new JsonObjectBuilder()
                .Set("HyperParameterTuningJobName", Spec.Name)
                .Set("HyperParameterTuningJobArn", Arn);
            foreach (var field in new[] { "HyperParameterTuningJobConfig", "TrainingJobDefinition", "TrainingJobDefinitions" })
            {
                if (Spec.Request.TryGetValue(field, out var value))
                    description.Set(field, value);
            }

            description.Set("HyperParameterTuningJobStatus", Status)
                .Set("CreationTime", format.Render(CreationTime))
                .SetIfNotNull("HyperParameterTuningEndTime", format.Render(EndTime))
                .Set("LastModifiedTime", format.Render(LastModifiedTime))
                .Set("TrainingJobStatusCounters", JsonObject.Create(
                    ("Completed", statuses.Count(s => s == "Completed")),
                    ("InProgress", statuses.Count(s => s is "InProgress" or "Stopping")),
                    ("RetryableError", 0),
                    ("NonRetryableError", statuses.Count(s => s == "Failed")),
                    ("Stopped", statuses.Count(s => s == "Stopped"))))
                .Set("ObjectiveStatusCounters", JsonObject.Create(
                    ("Succeeded", _trials.Count(t => Objective(t) is not null)),
                    ("Pending", statuses.Count(s => s is "InProgress" or "Stopping")),
                    ("Failed", _trials.Count(t => Objective(t) is null && (t.CreationFailure is not null || t.Job?.Record.IsTerminal == true)))));
            if (BestLocked() is { } best)
                description.Set("BestTrainingJob", Summary(best, format));
            if (Spec.Request.TryGetValue("WarmStartConfig", out var warmStart))
                description.Set("WarmStartConfig", warmStart);
            if (FailureReason is not null)
                description.Set("FailureReason", FailureReason);
            description.Set("ConsumedResources", JsonObject.Create(("RuntimeInSeconds", (long)((EndTime ?? LastModifiedTime) - CreationTime).TotalSeconds)));
            return description.Build();
        }
    }

    private TuningTrial? BestLocked()
    {
        var scored = _trials.Select(t => (Trial: t, Value: Objective(t))).Where(t => t.Value is not null).ToList();
        if (scored.Count == 0)
            return null;
        return Spec.ObjectiveType == "Maximize"
            ? scored.MaxBy(t => t.Value!.Value).Trial
            : scored.MinBy(t => t.Value!.Value).Trial;
    }

    /// <summary>A HyperParameterTrainingJobSummary.</summary>
    private JsonObject Summary(TuningTrial trial, TimestampFormat format)
    {
        var record = trial.Job!.Record;
        var summary = new JsonObjectBuilder()
            .Set("TrainingJobName", record.Name)
            .Set("TrainingJobArn", record.Arn)
            .Set("TuningJobName", Spec.Name)
            .Set("CreationTime", format.Render(record.CreationTime))
            .SetIfNotNull("TrainingStartTime", format.Render(record.TrainingStartTime))
            .SetIfNotNull("TrainingEndTime", format.Render(record.TrainingEndTime))
            .Set("TrainingJobStatus", record.Status)
            .Set("TunedHyperParameters", JsonObject.Create(trial.TunedHyperParameters.Select(p => KeyValuePair.Create(p.Key, (JsonValue)p.Value))));
        if (record.FailureReason is not null)
            summary.Set("FailureReason", record.FailureReason);
        if (Objective(trial) is { } value)
        {
            summary.Set("FinalHyperParameterTuningJobObjectiveMetric", JsonObject.Create(
                ("Type", Spec.ObjectiveType), ("MetricName", Spec.ObjectiveMetric), ("Value", value)));
        }

        return summary.Set("ObjectiveStatus", Objective(trial) is null ? "Failed" : "Succeeded").Build();
    }
}
