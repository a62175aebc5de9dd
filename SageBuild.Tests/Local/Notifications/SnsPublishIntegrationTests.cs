using SageBuild.Engine.Integrations;
using SageBuild.Local.Notifications;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Tests.Local.Notifications;

public sealed class SnsPublishIntegrationTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:sagebuild-dev-status";
    private string _folder = "";
    private StringWriter _console = new();

    private string Outbox => Path.Combine(_folder, "outbox.jsonl");

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("sagebuild-sns-").FullName;
        _console = new StringWriter();
    }

    [TearDown]
    public void DeleteFolder()
    {
        _console.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task A_publish_returns_a_message_id_prints_the_subject_and_appends_one_outbox_line()
    {
        var integration = Integration(new NotificationOptions { OutboxPath = Outbox });

        var outcome = await PublishAsync(integration, """
            {"TopicArn": "arn:aws:sns:us-east-1:123456789012:sagebuild-dev-status", "Subject": "Build 7 deployed", "Message": "{\"build\": 7, \"status\": \"DEPLOYED\"}",
             "MessageAttributes": {"status": {"DataType": "String", "StringValue": "DEPLOYED"}}}
            """);

        Assert.That(outcome.Failed, Is.False, outcome.Cause);
        var messageId = ((JsonString)((JsonObject)outcome.Result!)["MessageId"]).Value;
        Assert.That(Guid.TryParse(messageId, out _));
        Assert.That(_console.ToString(), Does.Contain("sagebuild-dev-status: Build 7 deployed"));
        var lines = File.ReadAllLines(Outbox);
        Assert.That(lines, Has.Length.EqualTo(1));
        var line = (JsonObject)JsonValue.Parse(lines[0]);
        Assert.That(line["messageId"], Is.EqualTo((JsonValue)messageId));
        Assert.That(line["topic"], Is.EqualTo((JsonValue)Topic));
        Assert.That(line["subject"], Is.EqualTo((JsonValue)"Build 7 deployed"));
        Assert.That(line["message"], Is.EqualTo((JsonValue)"""{"build": 7, "status": "DEPLOYED"}"""));
        Assert.That(((JsonString)line["time"]).Value, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
        Assert.That(line["attributes"], Is.EqualTo(JsonValue.Parse("""{"status": {"DataType": "String", "StringValue": "DEPLOYED"}}""")));
    }

    [Test]
    public async Task Concurrent_publishes_append_whole_lines_and_lose_none()
    {
        var publishers = new[] { Integration(new NotificationOptions { OutboxPath = Outbox, WriteToConsole = false }), Integration(new NotificationOptions { OutboxPath = Outbox, WriteToConsole = false }) };

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => PublishAsync(publishers[i % 2], $$"""{"TopicArn": "{{Topic}}", "Message": "message {{i}} {{new string('x', 2000)}}"}"""))));

        var messages = File.ReadAllLines(Outbox).Select(l => ((JsonString)((JsonObject)JsonValue.Parse(l))["message"]).Value.Split(' ')[1]);
        Assert.That(messages.Select(int.Parse).Order(), Is.EqualTo(Enumerable.Range(0, 40)));
    }

    [Test]
    public async Task The_webhook_receives_the_message_as_posted_JSON()
    {
        using var webhook = new LoopbackWebhook();
        var integration = Integration(new NotificationOptions { WebhookUrl = webhook.Url, WriteToConsole = false });

        await PublishAsync(integration, $$"""{"TopicArn": "{{Topic}}", "Subject": "Build 8 rejected", "Message": "auc 0.71 < 0.80"}""");

        Assert.That(webhook.Requests, Has.Count.EqualTo(1));
        var (contentType, body) = webhook.Requests.Single();
        Assert.That(contentType, Does.StartWith("application/json"));
        var json = (JsonObject)JsonValue.Parse(body);
        Assert.That(json["subject"], Is.EqualTo((JsonValue)"Build 8 rejected"));
        Assert.That(json["message"], Is.EqualTo((JsonValue)"auc 0.71 < 0.80"));
    }

    [Test]
    public async Task A_webhook_that_fails_twice_with_5xx_gets_the_message_on_the_third_attempt()
    {
        using var webhook = new LoopbackWebhook(500, 503);
        var integration = Integration(new NotificationOptions { WebhookUrl = webhook.Url, WebhookRetryDelay = TimeSpan.FromMilliseconds(10) });

        var outcome = await PublishAsync(integration, $$"""{"TopicArn": "{{Topic}}", "Message": "m"}""");

        Assert.That(outcome.Failed, Is.False);
        Assert.That(webhook.Requests, Has.Count.EqualTo(3));
        Assert.That(_console.ToString(), Does.Not.Contain("warning"));
    }

    [Test]
    public async Task A_webhook_that_never_answers_times_out_and_the_failure_is_logged_without_failing_the_publish_or_leaking_the_url()
    {
        using var webhook = new LoopbackWebhook(0, 0);
        var integration = Integration(new NotificationOptions
        {
            WebhookUrl = webhook.Url, WebhookMaxAttempts = 2, WebhookTimeout = TimeSpan.FromMilliseconds(300), WebhookRetryDelay = TimeSpan.FromMilliseconds(10),
        });

        var outcome = await PublishAsync(integration, $$"""{"TopicArn": "{{Topic}}", "Message": "m"}""");

        Assert.That(outcome.Failed, Is.False);
        Assert.That(webhook.Requests, Has.Count.EqualTo(2));
        Assert.That(_console.ToString(), Does.Contain("webhook delivery to 127.0.0.1 failed after 2 attempt(s): no answer within 0.3 s"));
        Assert.That(_console.ToString(), Does.Not.Contain("token=abc"));
    }

    [Test]
    public async Task A_refused_webhook_is_not_retried_and_fails_the_publish_when_configured_to()
    {
        using var webhook = new LoopbackWebhook(403);
        var integration = Integration(new NotificationOptions { WebhookUrl = webhook.Url, IsWebhookFailureFatal = true, WebhookRetryDelay = TimeSpan.FromMilliseconds(10) });

        var outcome = await PublishAsync(integration, $$"""{"TopicArn": "{{Topic}}", "Message": "m"}""");

        Assert.That(webhook.Requests, Has.Count.EqualTo(1));
        Assert.That(outcome.Error, Is.EqualTo(SnsPublishIntegration.DeliveryFailedError));
        Assert.That(outcome.Cause, Does.Contain("HTTP 403"));
    }

    [Test]
    public async Task A_json_message_structure_delivers_the_default_message()
    {
        var integration = Integration(new NotificationOptions { OutboxPath = Outbox, WriteToConsole = false });

        await PublishAsync(integration, $$"""{"TopicArn": "{{Topic}}", "MessageStructure": "json", "Message": "{\"default\": \"plain\", \"email\": \"long\"}"}""");

        Assert.That(((JsonObject)JsonValue.Parse(File.ReadAllLines(Outbox)[0]))["message"], Is.EqualTo((JsonValue)"plain"));
    }

    [TestCase("""{"Message": "m"}""", "Invalid parameter: TopicArn or TargetArn")]
    [TestCase("""{"TopicArn": "sagebuild-status", "Message": "m"}""", "Invalid parameter: TopicArn: 'sagebuild-status' is not an SNS topic ARN")]
    [TestCase("""{"TopicArn": "arn:aws:sns:us-east-1:123456789012:t"}""", "Invalid parameter: Message")]
    [TestCase("""{"TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message": "m", "Subject": "two\nlines"}""", "Invalid parameter: Subject")]
    [TestCase("""{"TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message": "{}", "MessageStructure": "json"}""", "a string at \"default\"")]
    public async Task An_invalid_publish_fails_as_SNS_fails_it(string parameters, string cause)
    {
        var outcome = await PublishAsync(Integration(new NotificationOptions { OutboxPath = Outbox }), parameters);

        Assert.That(outcome.Error, Is.EqualTo("SNS.InvalidParameterException"));
        Assert.That(outcome.Cause, Does.Contain(cause).And.Contain("Error Code: InvalidParameter"));
        Assert.That(File.Exists(Outbox), Is.False, "nothing was delivered");
    }

    private SnsPublishIntegration Integration(NotificationOptions options) =>
        new(new NotificationPublisher(options with { Console = _console }));

    private static async Task<IntegrationOutcome> PublishAsync(SnsPublishIntegration integration, string parameters) =>
        await integration.InvokeAsync(new IntegrationRequest(
            "arn:aws:states:::sns:publish",
            new ResourceTarget("sns", "publish", IntegrationPattern.RequestResponse),
            JsonValue.Parse(parameters),
            new TaskCallContext("arn:aws:states:us-east-1:000000000000:execution:pipeline:run-1", "Notify", 0, null, null)), CancellationToken.None);
}
