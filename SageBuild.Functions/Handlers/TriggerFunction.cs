using SageBuild.Functions.Handlers.Core;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers;

/// <summary>
/// Turns whatever started a build into one build request: a CodeCommit push or an S3 object (EventBridge events), a
/// schedule (EventBridge Scheduled Event), a message on the launch topic (an SNS event, whose message may be JSON
/// naming a commit), a GitHub push (its webhook payload), a build handed over by the previous build (its pending
/// request), or nothing at all (a manual start). The result is <c>{"request": {...}, "lockToken": "..."}</c>:
/// the request's <c>source</c>, <c>commit</c>, <c>branch</c>, <c>detail</c> and <c>requestedAt</c>, and the token the
/// build holds the build lock with (its own execution name, or the one it was handed over).
/// </summary>
public sealed class TriggerFunction : FunctionHandler
{
    /// <inheritdoc />
    public override string Name => "trigger";

    /// <inheritdoc />
    public override string Description => "Normalises a git push, S3 object, schedule or launch-topic message into one build request.";

    /// <inheritdoc />
    public override JsonValue Handle(JsonValue input)
    {
        var executionName = JsonRead.StringOrNull(input, "executionName");
        var time = JsonRead.StringOrNull(input, "time") ?? "";
        var e = JsonRead.At(input, "event") ?? JsonObject.Empty;
        if (e is JsonObject handed && handed.TryGetValue("request", out var pending) && pending is JsonObject request && JsonRead.StringOrNull(handed, "lockToken") is { } token)
            return Result(request, token);
        return Result(Normalise(e, time), executionName ?? throw new ArgumentException("the event has no executionName: pass $$.Execution.Name"));
    }

    /// <summary>The build request for one triggering event.</summary>
    public static JsonObject Normalise(JsonValue e, string time)
    {
        ArgumentNullException.ThrowIfNull(e);
        var source = JsonRead.StringOrNull(e, "source");
        var detailType = JsonRead.StringOrNull(e, "detail-type");
        var at = JsonRead.StringOrNull(e, "time") ?? time;
        if (source == "aws.codecommit")
        {
            var branch = JsonRead.StringOrNull(e, "detail.referenceName");
            var repository = JsonRead.StringOrNull(e, "detail.repositoryName");
            return Request("codecommit", at, JsonRead.StringOrNull(e, "detail.commitId"), branch, $"push to {repository}/{branch}");
        }

        if (source == "aws.s3")
        {
            var bucket = JsonRead.StringOrNull(e, "detail.bucket.name");
            var key = JsonRead.StringOrNull(e, "detail.object.key");
            return Request("s3", at, null, null, $"s3://{bucket}/{key} {(detailType ?? "changed").ToLowerInvariant()}", ("object", $"s3://{bucket}/{key}"));
        }

        if (source == "aws.events" || detailType == "Scheduled Event")
        {
            var rule = JsonRead.Array(e, "resources").OfType<JsonString>().Select(r => r.Value).FirstOrDefault();
            return Request("schedule", at, null, null, rule is null ? "scheduled build" : $"scheduled by {rule[(rule.LastIndexOf('/') + 1)..]}");
        }

        if (JsonRead.Array(e, "Records") is { Count: > 0 } records)
            return FromSns(records, time);
        if (JsonRead.StringOrNull(e, "ref") is { } gitRef && JsonRead.StringOrNull(e, "after") is { } after)
        {
            var branch = gitRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? gitRef["refs/heads/".Length..] : gitRef;
            var repository = JsonRead.StringOrNull(e, "repository.full_name") ?? "repository";
            var pusher = JsonRead.StringOrNull(e, "pusher.name");
            return Request("github", JsonRead.StringOrNull(e, "head_commit.timestamp") ?? time, after, branch,
                $"push to {repository}/{branch}{(pusher is null ? "" : " by " + pusher)}");
        }

        if (source is "git" or "manual" or "schedule" or "s3" or "sns" or "github" or "codecommit" or "data-folder" or "rollback")
        {
            // Already a build request (the local triggers and `sagebuild run` send these).
            return Request(source, JsonRead.StringOrNull(e, "requestedAt") ?? time, JsonRead.StringOrNull(e, "commit"), JsonRead.StringOrNull(e, "branch"),
                JsonRead.StringOrNull(e, "detail") ?? $"{source} build");
        }

        return Request("manual", time, JsonRead.StringOrNull(e, "commit"), JsonRead.StringOrNull(e, "branch"), JsonRead.StringOrNull(e, "reason") ?? "started by hand");
    }

    // SNS delivers one record per message; several messages at once are a burst, and the newest one wins.
    private static JsonObject FromSns(JsonArray records, string time)
    {
        var newest = records.OfType<JsonObject>().OrderBy(r => JsonRead.StringOrNull(r, "Sns.Timestamp") ?? "", StringComparer.Ordinal).Last();
        var message = JsonRead.StringOrNull(newest, "Sns.Message") ?? "";
        var at = JsonRead.StringOrNull(newest, "Sns.Timestamp") ?? time;
        var subject = JsonRead.StringOrNull(newest, "Sns.Subject");
        JsonValue? body = null;
        if (message.TrimStart().StartsWith('{'))
        {
            try
            {
                body = JsonValue.Parse(message);
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;   // not JSON after all: the text is the reason
            }
        }

        var detail = JsonRead.StringOrNull(body, "reason") ?? subject ?? (body is null && message.Length > 0 ? message : "launch topic message");
        return Request("sns", at, JsonRead.StringOrNull(body, "commit"), JsonRead.StringOrNull(body, "branch"), detail,
            records.Count > 1 ? ("coalesced", records.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)) : default);
    }

    private static JsonObject Request(string source, string at, string? commit, string? branch, string detail, (string Key, string Value) extra = default)
    {
        var o = new JsonObjectBuilder()
            .Set("source", source)
            .Set("commit", commit is null ? JsonValue.Null : commit)
            .Set("branch", branch is null ? JsonValue.Null : branch)
            .Set("detail", detail)
            .Set("requestedAt", at);
        if (extra.Key is not null)
            o.Set(extra.Key, extra.Value ?? "");
        return o.Build();
    }

    private static JsonObject Result(JsonObject request, string lockToken) => JsonObject.Create(("request", request), ("lockToken", lockToken));
}
