using System.Security.Cryptography;
using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Functions.Webhooks;

/// <summary>GitHub webhook deliveries as a Lambda function URL passes them on (payload format 2.0).</summary>
internal static class GitHubDeliveries
{
    public const string Secret = "It's a Secret to Everybody";
    public const string Delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    public static string Push(string pushedRef, string after = "9f2c1e7b4a1d5c3e8f6a0b2d4c6e8a0b1c3d5e7f", bool deleted = false) => $$"""
        {
          "ref": "{{pushedRef}}",
          "before": "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
          "after": "{{after}}",
          "created": false,
          "deleted": {{(deleted ? "true" : "false")}},
          "forced": false,
          "repository": {"id": 186853002, "name": "sagebuild-models", "full_name": "example-org/sagebuild-models", "default_branch": "master"},
          "pusher": {"name": "octocat", "email": "octocat@github.com"},
          "head_commit": {"id": "{{after}}", "message": "Tune the learning rate"}
        }
        """;

    /// <summary>A Lambda function URL event (payload format 2.0) as GitHub's delivery produces it.</summary>
    public static JsonObject Event(string body, string? secret = Secret, string gitHubEvent = "push", string delivery = Delivery)
    {
        var headers = new List<(string, JsonValue)>
        {
            ("content-type", "application/json"),
            ("user-agent", "GitHub-Hookshot/044aadd"),
            ("x-github-event", gitHubEvent),
            ("x-github-delivery", delivery),
        };
        if (secret is not null)
            headers.Add(("x-hub-signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)))));
        return JsonObject.Create(
            ("version", "2.0"),
            ("routeKey", "$default"),
            ("rawPath", "/"),
            ("rawQueryString", ""),
            ("headers", JsonObject.Create([.. headers])),
            ("requestContext", JsonObject.Create(("http", JsonObject.Create(("method", "POST"), ("path", "/"), ("protocol", "HTTP/1.1"))))),
            ("body", body),
            ("isBase64Encoded", false));
    }
}
