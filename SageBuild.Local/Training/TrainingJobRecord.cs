using System.Globalization;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Training;

/// <summary>
/// A training job's state, rendered as SageMaker's DescribeTrainingJob response. It is saved as that response (with
/// ISO 8601 times) after every change and read back from it, so a job survives a restart of the backends.
/// </summary>
internal sealed class TrainingJobRecord
{
    // The request fields that DescribeTrainingJob echoes back.
    private static readonly string[] EchoedFields =
    [
        "HyperParameters", "AlgorithmSpecification", "RoleArn", "InputDataConfig", "OutputDataConfig", "ResourceConfig", "VpcConfig",
        "StoppingCondition", "EnableNetworkIsolation", "EnableInterContainerTrafficEncryption", "EnableManagedSpotTraining",
        "CheckpointConfig", "Environment", "RetryStrategy", "DebugHookConfig", "ExperimentConfig", "TensorBoardOutputConfig",
    ];

    private readonly Lock _gate = new();
    private readonly List<(string Status, DateTimeOffset Start, DateTimeOffset? End, string Message)> _transitions = [];
    private readonly List<(string Name, double Value, DateTimeOffset Time)> _finalMetrics = [];

    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required JsonObject Request { get; init; }

    public string? TuningJobArn { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset LastModifiedTime { get; private set; }

    public DateTimeOffset? TrainingStartTime { get; private set; }

    public DateTimeOffset? TrainingEndTime { get; private set; }

    /// <summary>InProgress, Completed, Failed, Stopping or Stopped.</summary>
    public string Status { get; private set; } = "InProgress";

    public string SecondaryStatus { get; private set; } = "Starting";

    public string? FailureReason { get; private set; }

    public string? ModelArtifacts { get; set; }

    public bool IsTerminal => Status is "Completed" or "Failed" or "Stopped";

    /// <summary>The final value of <paramref name="metric"/>, when the log reported it.</summary>
    public double? FinalMetric(string metric)
    {
        lock (_gate)
            return _finalMetrics.Where(m => m.Name == metric).Select(m => (double?)m.Value).FirstOrDefault();
    }

    public void Transition(string secondaryStatus, string message, DateTimeOffset now, string? status = null)
    {
        lock (_gate)
        {
            if (_transitions.Count > 0 && _transitions[^1].End is null)
                _transitions[^1] = _transitions[^1] with { End = now };
            _transitions.Add((secondaryStatus, now, null, message));
            SecondaryStatus = secondaryStatus;
            Status = status ?? Status;
            LastModifiedTime = now;
            if (secondaryStatus == "Training")
                TrainingStartTime ??= now;
            if (IsTerminal)
            {
                TrainingEndTime ??= now;
                _transitions[^1] = _transitions[^1] with { End = now };
            }
        }
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        lock (_gate)
            FailureReason = reason;
        Transition("Failed", "Training job failed. Reason: " + reason, now, "Failed");
    }

    public void RecordMetric(string name, double value, DateTimeOffset now)
    {
        lock (_gate)
        {
            var index = _finalMetrics.FindIndex(m => m.Name == name);
            if (index >= 0)
                _finalMetrics[index] = (name, value, now);
            else
                _finalMetrics.Add((name, value, now));
        }
    }

    /// <summary>The DescribeTrainingJob response.</summary>
    public JsonObject Describe(TimestampFormat format)
    {
        lock (_gate)
        {
            var description = new JsonObjectBuilder()
                .Set("TrainingJobName", Name)
                .Set("TrainingJobArn", Arn);
            if (TuningJobArn is not null)
                description.Set("TuningJobArn", TuningJobArn);
            if (ModelArtifacts is not null)
                description.Set("ModelArtifacts", JsonObject.Create(("S3ModelArtifacts", ModelArtifacts)));
            description.Set("TrainingJobStatus", Status).Set("SecondaryStatus", SecondaryStatus);
            if (FailureReason is not null)
                description.Set("FailureReason", FailureReason);
            foreach (var field in EchoedFields)
            {
                if (Request.TryGetValue(field, out var value))
                    description.Set(field, value);
            }

            if (!Request.TryGetValue("HyperParameters", out _))
                description.Set("HyperParameters", JsonObject.Empty);
            var stopping = Request.TryGetValue("StoppingCondition", out var s) && s is JsonObject given ? given : JsonObject.Empty;
            if (!stopping.ContainsKey("MaxRuntimeInSeconds"))
                description.Set("StoppingCondition", stopping.With("MaxRuntimeInSeconds", TrainingJobSpec.DefaultMaxRuntimeInSeconds));
            description.Set("CreationTime", format.Render(CreationTime))
                .SetIfNotNull("TrainingStartTime", format.Render(TrainingStartTime))
                .SetIfNotNull("TrainingEndTime", format.Render(TrainingEndTime))
                .Set("LastModifiedTime", format.Render(LastModifiedTime))
                .Set("SecondaryStatusTransitions", JsonArray.Create(_transitions.Select(t =>
                {
                    var transition = new JsonObjectBuilder().Set("Status", t.Status).Set("StartTime", format.Render(t.Start));
                    if (t.End is { } end)
                        transition.Set("EndTime", format.Render(end));
                    return (JsonValue)transition.Set("StatusMessage", t.Message).Build();
                })))
                .Set("FinalMetricDataList", JsonArray.Create(_finalMetrics.Select(m =>
                    (JsonValue)JsonObject.Create(("MetricName", m.Name), ("Value", m.Value), ("Timestamp", format.Render(m.Time))))));
            if (TrainingStartTime is { } start && TrainingEndTime is { } finish)
            {
                var seconds = (long)Math.Max(1, Math.Round((finish - start).TotalSeconds));
                description.Set("TrainingTimeInSeconds", seconds).Set("BillableTimeInSeconds", seconds);
            }

            return description.Build();
        }
    }

    /// <summary>Reads back a record saved with <see cref="Describe"/> in ISO 8601.</summary>
    public static TrainingJobRecord Load(JsonObject saved)
    {
        var reader = new ShapeReader(saved, "saved training job");
        var request = JsonObject.Create(EchoedFields
            .Where(saved.ContainsKey)
            .Select(f => KeyValuePair.Create(f, saved[f]))
            .Prepend(KeyValuePair.Create("TrainingJobName", (JsonValue)reader.RequiredString("TrainingJobName"))));
        var record = new TrainingJobRecord
        {
            Name = reader.RequiredString("TrainingJobName"),
            Arn = reader.RequiredString("TrainingJobArn"),
            Request = request,
            TuningJobArn = reader.OptionalString("TuningJobArn"),
            CreationTime = Time(reader.RequiredString("CreationTime")),
            ModelArtifacts = reader.OptionalObject("ModelArtifacts")?.OptionalString("S3ModelArtifacts"),
        };
        record.Status = reader.RequiredString("TrainingJobStatus");
        record.SecondaryStatus = reader.RequiredString("SecondaryStatus");
        record.FailureReason = reader.OptionalString("FailureReason");
        record.LastModifiedTime = Time(reader.RequiredString("LastModifiedTime"));
        record.TrainingStartTime = reader.OptionalString("TrainingStartTime") is { } started ? Time(started) : null;
        record.TrainingEndTime = reader.OptionalString("TrainingEndTime") is { } ended ? Time(ended) : null;
        foreach (var transition in reader.ObjectList("SecondaryStatusTransitions"))
        {
            record._transitions.Add((transition.RequiredString("Status"), Time(transition.RequiredString("StartTime")),
                transition.OptionalString("EndTime") is { } end ? Time(end) : null, transition.OptionalString("StatusMessage") ?? ""));
        }

        foreach (var metric in reader.ObjectList("FinalMetricDataList"))
            record._finalMetrics.Add((metric.RequiredString("MetricName"), metric.OptionalNumber("Value") ?? 0, Time(metric.RequiredString("Timestamp"))));
        return record;
    }

    private static DateTimeOffset Time(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
