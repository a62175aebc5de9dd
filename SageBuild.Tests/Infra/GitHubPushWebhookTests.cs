using System.Security.Cryptography;
using System.Text;
using SageBuild.Functions.Webhooks;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Infra;

/// <summary>
/// The GitHub push webhook (adoptable into SageBuild.Functions; move these tests with it) with Lambda function URL
/// events (payload format 2.0) carrying GitHub's push payloads.
/// </summary>
public sealed class GitHubPushWebhookTests
{
    private const string Secret = "It's a Secret to Everybody";

    [Test]
    public void The_signature_check_agrees_with_GitHub_documented_example()
    {
        // From GitHub's "Validating webhook deliveries": this secret and payload give this signature.
        var body = Encoding.UTF8.GetBytes("Hello, World!");
        Assert.That(GitHubPushWebhook.IsSignedWith(body, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", Secret), Is.True);
        Assert.That(GitHubPushWebhook.IsSignedWith(body, "sha256=857107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", Secret), Is.False);
        Assert.That(GitHubPushWebhook.IsSignedWith(body, "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", Secret), Is.False);
        Assert.That(GitHubPushWebhook.IsSignedWith(body, "sha256=not-hex", Secret), Is.False);
    }

    [Test]
    public void A_signed_push_to_the_stack_branch_requests_a_build_of_its_commit()
    {
        var decision = GitHubPushWebhook.Decide(Event(Push("refs/heads/dev")), Secret, "dev");
        Assert.That(decision.StatusCode, Is.EqualTo(202));
        Assert.That(decision.BuildRequest, Is.EqualTo(JsonObject.Create(
            ("source", "github"),
            ("repository", "example-org/sagebuild-models"),
            ("branch", "dev"),
            ("commit", "9f2c1e7b4a1d5c3e8f6a0b2d4c6e8a0b1c3d5e7f"),
            ("pushedBy", "octocat"),
            ("delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"))));
    }

    [Test]
    public void A_push_to_another_branch_starts_nothing()
    {
        var decision = GitHubPushWebhook.Decide(Event(Push("refs/heads/feature/x")), Secret, "dev");
        Assert.That(decision.StatusCode, Is.EqualTo(200));
        Assert.That(decision.BuildRequest, Is.Null);
        Assert.That(decision.Message, Is.EqualTo("a push to refs/heads/feature/x starts no build: this stack builds refs/heads/dev"));
    }

    [Test]
    public void A_tag_push_or_a_branch_deletion_starts_nothing()
    {
        Assert.That(GitHubPushWebhook.Decide(Event(Push("refs/tags/dev")), Secret, "dev").BuildRequest, Is.Null);
        var deleted = Push("refs/heads/dev", after: "0000000000000000000000000000000000000000", deleted: true);
        Assert.That(GitHubPushWebhook.Decide(Event(deleted), Secret, "dev").Message, Is.EqualTo("refs/heads/dev was deleted: nothing to build"));
    }

    [Test]
    public void A_delivery_signed_with_another_secret_or_not_signed_is_refused_before_it_is_read()
    {
        var wrong = GitHubPushWebhook.Decide(Event(Push("refs/heads/dev"), secret: "guess"), Secret, "dev");
        Assert.That((wrong.StatusCode, wrong.BuildRequest), Is.EqualTo((401, (JsonObject?)null)));
        var unsigned = GitHubPushWebhook.Decide(Event(Push("refs/heads/dev"), secret: null), Secret, "dev");
        Assert.That(unsigned.StatusCode, Is.EqualTo(401));
        Assert.That(unsigned.Message, Does.StartWith("the delivery is not signed"));
        var tampered = Event(Push("refs/heads/dev"));
        tampered = tampered.With("body", ((JsonString)tampered["body"]).Value.Replace("octocat", "mallory", StringComparison.Ordinal));
        Assert.That(GitHubPushWebhook.Decide(tampered, Secret, "dev").StatusCode, Is.EqualTo(401));
    }

    [Test]
    public void A_base64_body_is_verified_over_its_decoded_bytes()
    {
        var plain = Event(Push("refs/heads/dev"));
        var encoded = plain.With("body", Convert.ToBase64String(Encoding.UTF8.GetBytes(((JsonString)plain["body"]).Value))).With("isBase64Encoded", true);
        Assert.That(GitHubPushWebhook.Decide(encoded, Secret, "dev").StatusCode, Is.EqualTo(202));
    }

    [TestCase("ping", 200)]
    [TestCase("pull_request", 400)]
    [TestCase("issues", 400)]
    public void Other_events_start_nothing(string gitHubEvent, int status)
    {
        var decision = GitHubPushWebhook.Decide(Event("{\"zen\": \"Design for failure.\"}", gitHubEvent: gitHubEvent), Secret, "dev");
        Assert.That((decision.StatusCode, decision.BuildRequest), Is.EqualTo((status, (JsonObject?)null)));
    }

    [Test]
    public void A_GET_is_refused()
    {
        var get = Event(Push("refs/heads/dev")).With("requestContext", JsonObject.Create(("http", JsonObject.Create(("method", "GET")))));
        Assert.That(GitHubPushWebhook.Decide(get, Secret, "dev").StatusCode, Is.EqualTo(405));
    }

    [Test]
    public async Task The_Lambda_entry_point_publishes_the_request_and_answers_the_function_URL()
    {
        var launched = new List<JsonObject>();
        var handler = new GitHubPushHandler("dev", _ => Task.FromResult(Secret), (request, _) =>
        {
            launched.Add(request);
            return Task.CompletedTask;
        });
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Event(Push("refs/heads/dev")).ToJson()));
        using var output = await handler.HandleAsync(input);
        var response = (JsonObject)JsonValue.Parse(new StreamReader(output).ReadToEnd());
        Assert.That(response["statusCode"], Is.EqualTo((JsonValue)202));
        Assert.That(JsonValue.Parse(((JsonString)response["body"]).Value), Is.EqualTo(JsonObject.Create(("started", true), ("message", "build requested for 9f2c1e7b4a1d on dev"))));
        Assert.That(launched.Single()["commit"], Is.EqualTo((JsonValue)"9f2c1e7b4a1d5c3e8f6a0b2d4c6e8a0b1c3d5e7f"));
    }

    private static string Push(string pushedRef, string after = "9f2c1e7b4a1d5c3e8f6a0b2d4c6e8a0b1c3d5e7f", bool deleted = false) => $$"""
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
    private static JsonObject Event(string body, string? secret = Secret, string gitHubEvent = "push")
    {
        var headers = new List<(string, JsonValue)>
        {
            ("content-type", "application/json"),
            ("user-agent", "GitHub-Hookshot/044aadd"),
            ("x-github-event", gitHubEvent),
            ("x-github-delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
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
