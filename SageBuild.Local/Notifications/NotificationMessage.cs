using System.Globalization;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Notifications;

/// <summary>One published message, as the outbox and the webhook receive it.</summary>
/// <param name="MessageId">The id returned to the publisher.</param>
/// <param name="Time">When it was published (UTC).</param>
/// <param name="TopicArn">The topic it was published to.</param>
/// <param name="Subject">The subject, if any.</param>
/// <param name="Message">The message body.</param>
/// <param name="Attributes">The MessageAttributes as given, or null.</param>
public sealed record NotificationMessage(string MessageId, DateTimeOffset Time, string TopicArn, string? Subject, string Message, JsonObject? Attributes)
{
    /// <summary>The JSON object written to the outbox and posted to the webhook.</summary>
    public JsonObject ToJson() => new JsonObjectBuilder()
        .Set("time", Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
        .Set("messageId", MessageId)
        .Set("topic", TopicArn)
        .Set("subject", Subject is null ? JsonValue.Null : JsonValue.FromString(Subject))
        .Set("message", Message)
        .SetIfNotNull("attributes", Attributes)
        .Build();
}
