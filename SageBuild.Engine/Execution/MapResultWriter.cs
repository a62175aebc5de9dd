using SageBuild.Engine.Expressions;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>
/// A distributed Map's ResultWriter: writes the child executions' results to S3 through the integration registry
/// (<c>s3:putObject</c>) as AWS lays them out under <c>Prefix/&lt;map run id&gt;/</c>: <c>SUCCEEDED_0.json</c>,
/// <c>FAILED_0.json</c> and <c>PENDING_0.json</c> (arrays of execution results), then <c>manifest.json</c> naming them.
/// The Map's result is then <c>{MapRunArn, ResultWriterDetails: {Bucket, Key}}</c>. Every failure is States.ResultWriterFailed.
/// </summary>
internal sealed class MapResultWriter
{
    private static readonly string[] Statuses = ["SUCCEEDED", "FAILED", "PENDING"];
    private readonly string _stateName;
    private readonly string _resource;
    private readonly ResourceTarget _target;
    private readonly PreparedTemplate? _parameters;
    private readonly Jsonata.JsonataTemplate? _arguments;

    public MapResultWriter(string stateName, ResultWriter writer)
    {
        _stateName = stateName;
        _resource = writer.Resource ?? "arn:aws:states:::s3:putObject";
        _target = ResourceArns.Parse(_resource);
        _parameters = PreparedTemplate.CompileOptional(writer.Parameters);
        // JSONata: Arguments, evaluated against the Map's input.
        _arguments = JsonataFields.Template(writer.Arguments, "ResultWriter/Arguments");
    }

    public async ValueTask<JsonObject> WriteAsync(RunFrame frame, JsonValue effective, string mapRunArn, IReadOnlyList<ExecutionRecord?> children)
    {
        var parameters = (_arguments is not null ? JsonataFields.Evaluate(_arguments, JsonataFields.Bindings(frame, effective)) : _parameters?.Evaluate(frame, effective)) as JsonObject ?? JsonObject.Empty;
        if (!parameters.TryGetValue("Bucket", out var bucketValue) || bucketValue is not JsonString bucket)
            throw new StatesErrorException(ErrorNames.ResultWriterFailed, $"The ResultWriter of the Map state '{_stateName}' names no Bucket.");
        var prefix = parameters.TryGetValue("Prefix", out var p) && p is JsonString s ? s.Value.TrimEnd('/') : "";
        var folder = $"{(prefix.Length > 0 ? prefix + "/" : "")}{mapRunArn[(mapRunArn.LastIndexOf(':') + 1)..]}/";
        var files = new JsonObjectBuilder(3);
        foreach (var status in Statuses)
        {
            var results = children.Where(c => Group(c) == status).Select(c => (JsonValue)Result(c!)).ToArray();
            if (results.Length == 0)
            {
                files.Set(status, JsonArray.Empty);
                continue;
            }

            var key = $"{folder}{status}_0.json";
            var body = JsonArray.Wrap(results).ToJson();
            await PutAsync(frame, bucket.Value, key, body).ConfigureAwait(false);
            files.Set(status, JsonArray.Create(JsonObject.Create(("Key", key), ("Size", System.Text.Encoding.UTF8.GetByteCount(body)))));
        }

        var manifestKey = folder + "manifest.json";
        var manifest = JsonObject.Create(("DestinationBucket", bucket.Value), ("MapRunArn", mapRunArn), ("ResultFiles", files.Build()));
        await PutAsync(frame, bucket.Value, manifestKey, manifest.ToJson()).ConfigureAwait(false);
        return JsonObject.Create(("MapRunArn", mapRunArn), ("ResultWriterDetails", JsonObject.Create(("Bucket", bucket.Value), ("Key", manifestKey))));
    }

    private static string Group(ExecutionRecord? child) => child?.Status switch
    {
        ExecutionStatus.SUCCEEDED => "SUCCEEDED",
        ExecutionStatus.FAILED or ExecutionStatus.TIMED_OUT or ExecutionStatus.ABORTED => "FAILED",
        _ => "PENDING",
    };

    // The shape of an entry of AWS's result files: DescribeExecution's fields, input and output as JSON text.
    private static JsonObject Result(ExecutionRecord child)
    {
        var result = new JsonObjectBuilder(14);
        result.Set("ExecutionArn", child.ExecutionArn);
        result.Set("Input", child.Input.ToJson());
        result.Set("InputDetails", JsonObject.Create(("Included", true)));
        result.Set("Name", child.Name);
        if (child.Status == ExecutionStatus.SUCCEEDED)
        {
            result.Set("Output", (child.Output ?? JsonNull.Instance).ToJson());
            result.Set("OutputDetails", JsonObject.Create(("Included", true)));
        }
        else
        {
            result.Set("Error", child.Error is null ? JsonNull.Instance : child.Error);
            result.Set("Cause", child.Cause is null ? JsonNull.Instance : child.Cause);
        }

        result.Set("RedriveCount", 0);
        result.Set("StartDate", Timestamps.Format(child.StartDate));
        result.Set("StateMachineArn", child.StateMachineArn);
        result.Set("Status", child.Status.ToString());
        result.Set("StopDate", child.StopDate is { } stop ? Timestamps.Format(stop) : JsonNull.Instance);
        return result.Build();
    }

    private ValueTask<JsonValue> PutAsync(RunFrame frame, string bucket, string key, string body) =>
        MapIntegrationCall.InvokeAsync(frame, _stateName, _resource, _target, JsonObject.Create(("Bucket", bucket), ("Key", key), ("Body", body)), ErrorNames.ResultWriterFailed);
}
