using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers.Core;

/// <summary>The deployment as the handlers see it: the definition's <c>$.pipeline</c> (see <c>PipelineOptions.ToEnvironment</c>).</summary>
internal sealed record PipelineEnvironment(
    string Stack,
    string Branch,
    string Region,
    string NamePrefix,
    string DataBucket,
    string DataPrefix,
    string ArtifactsBucket,
    string CodeBucket,
    string CheckpointsBucket,
    string TrainingRepositoryUri,
    string InferenceRepositoryUri,
    string TrainingRoleArn,
    string HostingRoleArn,
    string EndpointName)
{
    public static PipelineEnvironment From(JsonValue input)
    {
        var p = JsonRead.Object(input, "pipeline");
        string S(string key) => JsonRead.String(p, key);
        return new PipelineEnvironment(S("stack"), S("branch"), S("region"), S("namePrefix"), S("dataBucket"), S("dataPrefix"), S("artifactsBucket"), S("codeBucket"),
            S("checkpointsBucket"), S("trainingRepositoryUri"), S("inferenceRepositoryUri"), S("trainingRoleArn"), S("hostingRoleArn"), S("endpointName"));
    }

    public string DataUri => $"s3://{DataBucket}/{DataPrefix}";

    public string ModelOutputUri => $"s3://{ArtifactsBucket}/models/";
}
