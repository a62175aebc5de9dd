using System.Text;
using SageBuild.Functions.Handlers;
using SageBuild.Functions.Webhooks;
using SageBuild.StateMachines.Json;
using static SageBuild.Tests.Functions.Webhooks.GitHubDeliveries;

namespace SageBuild.Tests.Functions.Webhooks;

/// <summary>
/// The GitHub push webhook's decision with Lambda function URL events (payload format 2.0) carrying GitHub's push
/// payloads.
/// </summary>
public sealed class GitHubPushWebhookTests
{

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
            ("commit", "9f2c1e7b4a1d5c3e8f6a0b2d4c6e8a0b1c3d5e7f"),
            ("branch", "dev"),
            ("detail", "push to example-org/sagebuild-models/dev by octocat"),
            ("repository", "example-org/sagebuild-models"),
            ("pushedBy", "octocat"),
            ("delivery", Delivery))));
    }

    [Test]
    public void The_build_request_reads_as_a_github_build_in_the_pipeline_trigger_step()
    {
        var request = GitHubPushWebhook.Decide(Event(Push("refs/heads/dev")), Secret, "dev").BuildRequest!;
        var normalised = TriggerFunction.Normalise(request, "2026-11-25T10:00:00Z");
        Assert.That(normalised, Is.EqualTo(JsonObject.Create(
            ("source", "github"),
            ("commit", "9f2c1e7b4a1d5c3e8f6a0b2d4c6e8a0b1c3d5e7f"),
            ("branch", "dev"),
            ("detail", "push to example-org/sagebuild-models/dev by octocat"),
            ("requestedAt", "2026-11-25T10:00:00Z"))));
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
}
