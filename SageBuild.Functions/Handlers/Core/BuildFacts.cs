using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers.Core;

/// <summary>The facts about a build that notifications and the ledger report, read from the pipeline's state.</summary>
internal sealed record BuildFacts(
    string Stack,
    string? Build,
    string? Commit,
    string? Source,
    string? Detail,
    string? TrainingJob,
    string? TuningJob,
    string? Artifact,
    string? Model,
    string? EndpointConfig,
    string Endpoint,
    string? TrainingImage,
    string? InferenceImage,
    JsonObject Metrics,
    JsonObject? Gate,
    FailureInfo? Failure)
{
    public static BuildFacts From(JsonValue input)
    {
        var metrics = new JsonObjectBuilder();
        foreach (var m in JsonRead.Array(input, "trained.job.FinalMetricDataList").OfType<JsonObject>())
        {
            if (JsonRead.StringOrNull(m, "MetricName") is { } name && JsonRead.NumberOrNull(m, "Value") is { } value)
                metrics.Set(name, value);
        }

        foreach (var (name, value) in JsonRead.ObjectOrNull(input, "trained.evaluationFile.document.metrics") ?? JsonObject.Empty)
        {
            if (value is JsonNumber)
                metrics.Set(name, value);
        }

        var trainingJob = JsonRead.StringOrNull(input, "trained.job.TrainingJobName");
        var tuningJob = JsonRead.StringOrNull(input, "trained.tuning.HyperParameterTuningJobName");
        var build = JsonRead.StringOrNull(input, "build.id");
        return new BuildFacts(
            JsonRead.StringOrNull(input, "pipeline.stack") ?? "sagebuild",
            build,
            JsonRead.StringOrNull(input, "trigger.request.commit"),
            JsonRead.StringOrNull(input, "trigger.request.source"),
            JsonRead.StringOrNull(input, "trigger.request.detail"),
            trainingJob,
            tuningJob,
            JsonRead.StringOrNull(input, "modelPlan.artifact") ?? JsonRead.StringOrNull(input, "trained.job.ModelArtifacts.S3ModelArtifacts") ?? JsonRead.StringOrNull(input, "trained.artifact"),
            JsonRead.StringOrNull(input, "modelPlan.modelName"),
            JsonRead.StringOrNull(input, "endpointPlan.endpointConfigName"),
            JsonRead.StringOrNull(input, "pipeline.endpointName") ?? "",
            JsonRead.StringOrNull(input, "plan.trainingImage.uri"),
            JsonRead.StringOrNull(input, "modelPlan.inferenceImage.uri"),
            metrics.Build(),
            JsonRead.ObjectOrNull(input, "gate"),
            FailureInfo.From(input));
    }
}
