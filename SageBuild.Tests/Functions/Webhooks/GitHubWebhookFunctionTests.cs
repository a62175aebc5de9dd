using System.Text;
using SageBuild.Functions.Webhooks;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Functions.Aws;
using static SageBuild.Tests.Functions.Webhooks.GitHubDeliveries;

namespace SageBuild.Tests.Functions.Webhooks;

/// <summary>
/// The webhook's Lambda entry point behind its function URL: GitHub deliveries in, function URL responses out, and the
/// builds it starts on our signature-checking API host.
/// </summary>
public sealed class GitHubWebhookFunctionTests
{
    private static async Task<(int Status, JsonObject Body)> InvokeAsync(GitHubWebhookFunction function, JsonObject delivery)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(delivery.ToJson()));
        await using var output = await function.InvokeAsync(input);
        var response = (JsonObject)JsonValue.Parse(await new StreamReader(output).ReadToEndAsync());
        Assert.That(response["headers"], Is.EqualTo(JsonObject.Create(("content-type", "application/json"))));
        return ((int)((JsonNumber)response["statusCode"]).Value, (JsonObject)JsonValue.Parse(((JsonString)response["body"]).Value));
    }

    [Test]
    public async Task A_signed_push_to_the_stack_branch_starts_a_build_of_its_commit_named_after_the_delivery()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        var function = new GitHubWebhookFunction("dev", _ => Task.FromResult(Secret), sandbox.Pipeline());

        var (status, body) = await InvokeAsync(function, Event(Push("refs/heads/dev")));

        var execution = (await sandbox.ExecutionsAsync()).Single();
        Assert.That(status, Is.EqualTo(202));
        Assert.That(body, Is.EqualTo(JsonObject.Create(("started", true), ("message", $"build requested for 9f2c1e7b4a1d on dev: execution github-{Delivery}"))));
        Assert.That(execution.Name, Is.EqualTo("github-" + Delivery));
        Assert.That(JsonValue.Parse(execution.Input!), Is.EqualTo(GitHubPushWebhook.Decide(Event(Push("refs/heads/dev")), Secret, "dev").BuildRequest));
    }

    [Test]
    public async Task A_redelivery_starts_nothing_new_and_says_which_build_it_started()
    {
        // The first build has ended when the trigger comes again, so AWS answers ExecutionAlreadyExists. (While it still
        // runs, AWS answers an identical StartExecution with the same execution, as if it were new.)
        await using var sandbox = await LambdaSandbox.StartAsync(SageBuild.Tests.Engine.Api.Definitions.Pass);
        var function = new GitHubWebhookFunction("dev", _ => Task.FromResult(Secret), sandbox.Pipeline());

        await InvokeAsync(function, Event(Push("refs/heads/dev")));
        var (status, body) = await InvokeAsync(function, Event(Push("refs/heads/dev")));

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body["message"], Is.EqualTo((JsonValue)$"delivery {Delivery} already started execution github-{Delivery}"));
        Assert.That(await sandbox.ExecutionsAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_forged_delivery_or_another_branch_starts_nothing()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        var function = new GitHubWebhookFunction("dev", _ => Task.FromResult(Secret), sandbox.Pipeline());

        var (forged, _) = await InvokeAsync(function, Event(Push("refs/heads/dev"), secret: "a guess"));
        var (other, _) = await InvokeAsync(function, Event(Push("refs/heads/main"), delivery: "ffffffff-0000-4000-8000-000000000001"));

        Assert.That((forged, other), Is.EqualTo((401, 200)));
        Assert.That(await sandbox.ExecutionsAsync(), Is.Empty);
    }

    [Test]
    public async Task The_secret_is_read_once_for_many_deliveries_and_again_after_five_minutes()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:00:00Z", CultureInfo.InvariantCulture));
        var reads = 0;
        var function = new GitHubWebhookFunction("dev", _ => Task.FromResult(++reads > 0 ? Secret : ""), sandbox.Pipeline(), clock);

        await InvokeAsync(function, Event(Push("refs/heads/dev"), delivery: "00000000-0000-4000-8000-000000000001"));
        await InvokeAsync(function, Event(Push("refs/heads/dev"), delivery: "00000000-0000-4000-8000-000000000002"));
        Assert.That(reads, Is.EqualTo(1));
        clock.Advance(TimeSpan.FromMinutes(5));
        await InvokeAsync(function, Event(Push("refs/heads/dev"), delivery: "00000000-0000-4000-8000-000000000003"));
        Assert.That(reads, Is.EqualTo(2), "a rotated secret takes effect within five minutes");
        Assert.That(await sandbox.ExecutionsAsync(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_build_the_API_refuses_to_start_is_a_502_that_GitHub_shows_in_its_delivery_log()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        var environment = new Dictionary<string, string>(sandbox.Environment) { ["AWS_SECRET_ACCESS_KEY"] = "revoked" };
        var function = new GitHubWebhookFunction("dev", _ => Task.FromResult(Secret), SageBuild.Functions.Aws.DeployedPipeline.FromEnvironment(environment.GetValueOrDefault)!);

        var (status, body) = await InvokeAsync(function, Event(Push("refs/heads/dev")));

        Assert.That(status, Is.EqualTo(502));
        Assert.That(body["message"], Is.EqualTo((JsonValue)"the push was verified but the build could not be started (InvalidSignatureException); redeliver it from GitHub"));
    }
}
