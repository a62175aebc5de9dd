using System.Security.Cryptography;
using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Webhooks;

/// <summary>
/// The GitHub push webhook's decision (pure: <see cref="GitHubWebhookFunction"/> is its Lambda entry point, behind a
/// function URL). It verifies <c>X-Hub-Signature-256</c> (HMAC-SHA256 of the raw body with
/// the webhook secret, compared in constant time) before reading anything else, and turns a push to the stack's
/// branch into a build request for the pipeline. Everything else is refused: an unsigned or wrongly signed
/// delivery (401), another event (400, though GitHub's <c>ping</c> is acknowledged), a form-encoded body (415),
/// and a push to another branch or a branch deletion starts nothing (200, so GitHub's delivery log stays green).
/// </summary>
public static class GitHubPushWebhook
{
    /// <summary>What to answer to <paramref name="functionUrlEvent"/> for the stack that builds <paramref name="branch"/>.</summary>
    public static WebhookDecision Decide(JsonObject functionUrlEvent, string secret, string branch)
    {
        ArgumentNullException.ThrowIfNull(functionUrlEvent);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var method = Text(Path(functionUrlEvent, "requestContext", "http", "method")) ?? "";
        if (!string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
            return new WebhookDecision(405, $"GitHub webhooks are POSTed, not sent with {method}");

        var headers = Headers(functionUrlEvent);
        var body = Body(functionUrlEvent);
        if (!headers.TryGetValue("x-hub-signature-256", out var signature))
            return new WebhookDecision(401, "the delivery is not signed: set the webhook's secret, GitHub then sends X-Hub-Signature-256");
        if (!IsSignedWith(body, signature, secret))
            return new WebhookDecision(401, "X-Hub-Signature-256 does not match the body: the webhook's secret differs from the stack's");

        var gitHubEvent = headers.GetValueOrDefault("x-github-event", "");
        if (gitHubEvent == "ping")
            return new WebhookDecision(200, "pong: the webhook reaches SageBuild and its signature checks out");
        if (gitHubEvent != "push")
            return new WebhookDecision(400, $"'{gitHubEvent}' events start no build: subscribe the webhook to push events only");
        if (headers.GetValueOrDefault("content-type", "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return new WebhookDecision(415, "set the webhook's content type to application/json");

        JsonObject push;
        try
        {
            push = JsonValue.Parse(body) as JsonObject ?? throw new FormatException("not an object");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            return new WebhookDecision(400, "the push payload is not a JSON object");
        }

        var pushedRef = Text(Path(push, "ref"));
        var commit = Text(Path(push, "after"));
        if (pushedRef is null || commit is null)
            return new WebhookDecision(400, "the push payload has no ref or after");
        var expected = "refs/heads/" + branch;
        if (pushedRef != expected)
            return new WebhookDecision(200, $"a push to {pushedRef} starts no build: this stack builds {expected}");
        if (Path(push, "deleted") is JsonBoolean { Value: true } || commit.Trim('0').Length == 0)
            return new WebhookDecision(200, $"{expected} was deleted: nothing to build");

        // The pipeline's trigger step reads source, commit, branch and detail; the push payload itself can be far larger
        // than an execution's input may be, so only these facts travel.
        var repository = Text(Path(push, "repository", "full_name")) ?? "";
        var pushedBy = Text(Path(push, "pusher", "name")) ?? "";
        var request = JsonObject.Create(
            ("source", "github"),
            ("commit", commit),
            ("branch", branch),
            ("detail", $"push to {repository}/{branch}{(pushedBy.Length == 0 ? "" : " by " + pushedBy)}"),
            ("repository", repository),
            ("pushedBy", pushedBy),
            ("delivery", headers.GetValueOrDefault("x-github-delivery", "")));
        return new WebhookDecision(202, $"build requested for {commit[..Math.Min(12, commit.Length)]} on {branch}", request);
    }

    /// <summary>Whether <paramref name="signatureHeader"/> (<c>sha256=&lt;hex&gt;</c>) is the HMAC-SHA256 of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static bool IsSignedWith(byte[] body, string signatureHeader, string secret)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(signatureHeader);
        ArgumentNullException.ThrowIfNull(secret);
        const string Prefix = "sha256=";
        if (!signatureHeader.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(signatureHeader.AsSpan(Prefix.Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        // Constant time: how long the comparison takes must not tell an attacker how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(actual, claimed);
    }

    private static Dictionary<string, string> Headers(JsonObject functionUrlEvent)
    {
        // Function URLs lower-case header names; GitHub's capitalisation is not relied on either way.
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Path(functionUrlEvent, "headers") is JsonObject values)
        {
            foreach (var (name, value) in values)
            {
                if (value is JsonString s)
                    headers[name.ToLowerInvariant()] = s.Value;
            }
        }

        return headers;
    }

    private static byte[] Body(JsonObject functionUrlEvent)
    {
        var body = Text(Path(functionUrlEvent, "body")) ?? "";
        return Path(functionUrlEvent, "isBase64Encoded") is JsonBoolean { Value: true }
            ? Convert.FromBase64String(body)
            : Encoding.UTF8.GetBytes(body);
    }

    private static JsonValue? Path(JsonObject value, params string[] keys)
    {
        JsonValue current = value;
        foreach (var key in keys)
        {
            if (current is not JsonObject o || !o.TryGetValue(key, out var next))
                return null;
            current = next;
        }

        return current;
    }

    private static string? Text(JsonValue? value) => value is JsonString s ? s.Value : null;
}
