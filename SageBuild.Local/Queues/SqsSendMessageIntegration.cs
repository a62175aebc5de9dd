using System.Security.Cryptography;
using System.Text;
using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Local.Queues;

/// <summary>
/// <c>arn:aws:states:::sqs:sendMessage</c> (and <c>.waitForTaskToken</c>) on this machine: checks the request as SQS
/// does and answers as SQS does, with a MessageId and the body's MD5. No queue is kept, because nothing on this machine
/// consumes one: the message a callback task sends, task token included, is in the execution's history (its
/// TaskScheduled event's parameters) and on the dashboard, where whoever completes the task (SendTaskSuccess) reads it.
/// </summary>
public sealed class SqsSendMessageIntegration : IServiceIntegration
{
    /// <summary>AWS's limit on a message body (256 KiB).</summary>
    private const int MaxBodyBytes = 256 * 1024;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Keys { get; } = ["sqs:sendMessage"];

    /// <inheritdoc />
    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse, IntegrationPattern.WaitForTaskToken];

    /// <inheritdoc />
    public ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Parameters is not JsonObject parameters)
            return Refused("MissingParameter", "The request must contain the parameter QueueUrl.");
        if (!parameters.TryGetValue("QueueUrl", out var queue) || queue is not JsonString { Value.Length: > 0 } queueUrl)
            return Refused("MissingParameter", "The request must contain the parameter QueueUrl.");
        if (!Uri.TryCreate(queueUrl.Value, UriKind.Absolute, out _))
            return Refused("InvalidAddress", $"The address {queueUrl.Value} is not valid for this endpoint.");
        if (!parameters.TryGetValue("MessageBody", out var message))
            return Refused("MissingParameter", "The request must contain the parameter MessageBody.");
        // Step Functions sends a JSON MessageBody as its JSON text, and a string as it is.
        var body = message is JsonString text ? text.Value : message.ToJson();
        if (body.Length == 0)
            return Refused("MissingParameter", "The request must contain the parameter MessageBody.");
        var bytes = Encoding.UTF8.GetBytes(body);
        if (bytes.Length > MaxBodyBytes)
            return Refused("InvalidParameterValue", $"One or more parameters are invalid. Reason: Message must be shorter than {MaxBodyBytes} bytes.");

#pragma warning disable CA5351 // SQS's own checksum of the body is MD5; it is a checksum here, not a security measure.
        var md5 = Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351
        return ValueTask.FromResult(IntegrationOutcome.Success(JsonObject.Create(
            ("MD5OfMessageBody", md5),
            ("MessageId", Guid.NewGuid().ToString("D")))));
    }

    private static ValueTask<IntegrationOutcome> Refused(string code, string message) =>
        ValueTask.FromResult(IntegrationOutcome.Failure("SQS.AmazonSQSException",
            $"{message} (Service: AmazonSQS; Status Code: 400; Error Code: {code}; Request ID: {Guid.NewGuid():D}; Proxy: null)"));
}
