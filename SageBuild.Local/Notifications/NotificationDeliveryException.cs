namespace SageBuild.Local.Notifications;

/// <summary>A webhook delivery that failed after every attempt while <see cref="NotificationOptions.IsWebhookFailureFatal"/> is set.</summary>
public sealed class NotificationDeliveryException : Exception
{
    public NotificationDeliveryException()
    {
    }

    public NotificationDeliveryException(string message)
        : base(message)
    {
    }

    public NotificationDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
