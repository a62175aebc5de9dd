using System.Globalization;
using System.Text;
using SageBuild.Local.Artifacts;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Hosting;

/// <summary>
/// An endpoint configuration's <c>DataCaptureConfig</c>, applied: a sample of the requests and responses is appended,
/// as SageMaker's capture records (JSON lines), under
/// <c>{DestinationS3Uri}/{endpoint}/{variant}/{yyyy}/{MM}/{dd}/{HH}/</c> in the artifact store.
/// </summary>
internal sealed class DataCapture(ArtifactStore artifacts, string destination, double samplingPercentage, bool input, bool output)
{
    private readonly Lock _gate = new();

    /// <summary>The capture a configuration asks for, or null when it captures nothing.</summary>
    public static DataCapture? From(EndpointConfigRecord config, ArtifactStore artifacts)
    {
        if (!config.Request.TryGetValue("DataCaptureConfig", out var value))
            return null;
        var capture = new ShapeReader(value, "DataCaptureConfig");
        if (capture.OptionalBoolean("EnableCapture") == false)
            return null;
        var modes = capture.ObjectList("CaptureOptions").Select(o => o.RequiredString("CaptureMode")).ToList();
        return new DataCapture(artifacts, capture.RequiredString("DestinationS3Uri"), capture.OptionalNumber("InitialSamplingPercentage") ?? 100,
            modes.Contains("Input"), modes.Contains("Output"));
    }

    public void Record(string endpoint, string variant, byte[] request, string? requestType, ContainerResponse response, DateTimeOffset time)
    {
        if (Random.Shared.NextDouble() * 100 >= samplingPercentage)
            return;
        var data = new JsonObjectBuilder();
        if (input)
            data.Set("endpointInput", Payload(request, requestType ?? "application/octet-stream", "INPUT"));
        if (output)
            data.Set("endpointOutput", Payload(response.Body, response.ContentType ?? "application/octet-stream", "OUTPUT"));
        var record = JsonObject.Create(
            ("captureData", data.Build()),
            ("eventMetadata", JsonObject.Create(("eventId", Guid.NewGuid().ToString("D")),
                ("inferenceTime", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))),
            ("eventVersion", "0"));
        var hour = time.UtcDateTime.ToString("yyyy/MM/dd/HH", CultureInfo.InvariantCulture);
        var path = artifacts.LocalPath(ArtifactStore.Combine(destination, endpoint, variant, hour, "capture.jsonl"));
        lock (_gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.AppendAllText(path, record.ToJson() + "\n");
        }
    }

    private static JsonObject Payload(byte[] body, string contentType, string mode)
    {
        // Text payloads are kept readable, as SageMaker does for JSON and CSV; anything else is base64.
        var encoding = contentType.Contains("json", StringComparison.OrdinalIgnoreCase) ? "JSON"
            : contentType.Contains("csv", StringComparison.OrdinalIgnoreCase) ? "CSV"
            : "BASE64";
        var data = encoding == "BASE64" ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body);
        return JsonObject.Create(("observedContentType", contentType), ("mode", mode), ("data", data), ("encoding", encoding));
    }
}
