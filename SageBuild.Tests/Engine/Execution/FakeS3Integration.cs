using System.Collections.Concurrent;
using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Tests.Engine.Execution;

/// <summary>
/// S3 at the AWS boundary, in memory: getObject (Body as text), putObject, and listObjectsV2 with pages of
/// <see cref="PageSize"/> keys. A missing object is S3's NoSuchKey.
/// </summary>
internal sealed class FakeS3Integration : IServiceIntegration
{
    public ConcurrentDictionary<(string Bucket, string Key), string> Objects { get; } = new();

    public int PageSize { get; init; } = 1000;

    public int ListCalls { get; private set; }

    public IReadOnlyCollection<string> Keys { get; } = ["s3:getObject", "s3:putObject", "s3:listObjectsV2"];

    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse];

    public ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        var p = (JsonObject)request.Parameters;
        var bucket = Text(p, "Bucket")!;
        switch (request.Target.Action)
        {
            case "getObject":
                return ValueTask.FromResult(Objects.TryGetValue((bucket, Text(p, "Key")!), out var body)
                    ? IntegrationOutcome.Success(JsonObject.Create(("Body", body), ("ContentLength", body.Length)))
                    : IntegrationOutcome.Failure("S3.NoSuchKey", "The specified key does not exist."));
            case "putObject":
                Objects[(bucket, Text(p, "Key")!)] = Text(p, "Body")!;
                return ValueTask.FromResult(IntegrationOutcome.Success(JsonObject.Create(("ETag", "\"etag\""))));
            default:
                ListCalls++;
                var prefix = Text(p, "Prefix") ?? "";
                var keys = Objects.Keys.Where(k => k.Bucket == bucket && k.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k.Key).Order(StringComparer.Ordinal).ToList();
                var start = Text(p, "ContinuationToken") is { } token ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
                var page = keys.Skip(start).Take(PageSize).Select(k => (JsonValue)JsonObject.Create(("Key", k), ("Size", Objects[(bucket, k)].Length))).ToArray();
                var more = start + PageSize < keys.Count;
                var result = JsonObject.Create(("Contents", JsonArray.Wrap(page)), ("IsTruncated", more));
                return ValueTask.FromResult(IntegrationOutcome.Success(more ? result.With("NextContinuationToken", (start + PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture)) : result));
        }
    }

    private static string? Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : null;
}
