using System.Text.RegularExpressions;
using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Local.Notifications;

/// <summary>
/// The <c>arn:aws:states:::sns:publish</c> task: TopicArn (or TargetArn), Message, Subject, MessageAttributes and
/// MessageStructure, answered with <c>{"MessageId": ...}</c> plus the SdkHttpMetadata and SdkResponseMetadata that
/// Step Functions' optimised SNS integration adds. Messages go to a <see cref="NotificationPublisher"/>.
/// </summary>
/// <remarks>
/// Invalid requests fail as SNS fails them, with <c>SNS.InvalidParameterException</c> ("Invalid parameter: Subject").
/// A fatal webhook failure (only when configured) fails with <c>SageBuild.NotificationDeliveryFailed</c>, a local name,
/// since SNS itself never fails a publish because a subscriber is down.
/// </remarks>
public sealed partial class SnsPublishIntegration(NotificationPublisher publisher) : IServiceIntegration
{
    /// <summary>The error of a publish whose webhook delivery failed while failures are fatal.</summary>
    public const string DeliveryFailedError = "SageBuild.NotificationDeliveryFailed";

    private readonly NotificationPublisher _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));

    /// <inheritdoc />
    public IReadOnlyCollection<string> Keys { get; } = ["sns:publish"];

    /// <inheritdoc />
    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse];

    /// <inheritdoc />
    public async ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requestId = Guid.NewGuid().ToString();
        if (request.Parameters is not JsonObject parameters)
            return Invalid("Message", "the task's parameters must be a JSON object", requestId);

        var topic = String(parameters, "TopicArn") ?? String(parameters, "TargetArn");
        if (topic is null)
            return Invalid("TopicArn or TargetArn", "one of them is required", requestId);
        if (!TopicArnPattern().IsMatch(topic))
            return Invalid("TopicArn", $"'{topic}' is not an SNS topic ARN", requestId);
        if (String(parameters, "Message") is not { Length: > 0 } message)
            return Invalid("Message", "a non-empty Message is required", requestId);
        var subject = String(parameters, "Subject");
        if (subject is not null && (subject.Length is 0 or > 100 || subject.Any(c => c < ' ' || c > '~')))
            return Invalid("Subject", "1-100 printable ASCII characters, with no line breaks", requestId);
        if (String(parameters, "MessageStructure") is { } structure)
        {
            if (structure != "json")
                return Invalid("MessageStructure", "the only structure is 'json'", requestId);
            try
            {
                if (JsonValue.Parse(message) is not JsonObject perProtocol || !perProtocol.TryGetValue("default", out var fallback) || fallback is not JsonString text)
                    return Invalid("Message", "with MessageStructure 'json' the message is a JSON object with a string at \"default\"", requestId);
                message = text.Value;
            }
            catch (System.Text.Json.JsonException)
            {
                return Invalid("Message", "with MessageStructure 'json' the message must be JSON", requestId);
            }
        }

        var attributes = parameters.TryGetValue("MessageAttributes", out var a) ? a as JsonObject : null;
        var messageId = Guid.NewGuid().ToString();
        try
        {
            await _publisher.PublishAsync(new NotificationMessage(messageId, _publisher.Now, topic, subject, message, attributes), cancellationToken);
        }
        catch (NotificationDeliveryException e)
        {
            return IntegrationOutcome.Failure(DeliveryFailedError, e.Message);
        }

        return IntegrationOutcome.Success(JsonObject.Create(
            ("MessageId", messageId),
            ("SdkHttpMetadata", JsonObject.Create(
                ("HttpHeaders", JsonObject.Create(("Content-Type", "text/xml"), ("x-amzn-RequestId", requestId))),
                ("HttpStatusCode", 200))),
            ("SdkResponseMetadata", JsonObject.Create(("RequestId", requestId)))));
    }

    private static IntegrationOutcome Invalid(string parameter, string detail, string requestId) =>
        IntegrationOutcome.Failure("SNS.InvalidParameterException",
            $"Invalid parameter: {parameter}: {detail} (Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter; Request ID: {requestId}; Proxy: null)");

    private static string? String(JsonObject parameters, string key) => parameters.TryGetValue(key, out var value) && value is JsonString s ? s.Value : null;

    [GeneratedRegex(@"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$")]
    private static partial Regex TopicArnPattern();
}
