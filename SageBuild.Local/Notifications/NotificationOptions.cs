namespace SageBuild.Local.Notifications;

/// <summary>Where local SNS messages go: the console, an append-only outbox file, and an optional webhook.</summary>
public sealed record NotificationOptions
{
    /// <summary>Whether each message is printed. <value>Default: true.</value></summary>
    public bool WriteToConsole { get; init; } = true;

    /// <summary>Where console messages and delivery warnings are written. <value>Default: null, meaning <see cref="System.Console.Out"/>.</value></summary>
    public TextWriter? Console { get; init; }

    /// <summary>The outbox: a JSON-lines file that gets one object per message, appended. <value>Default: null (no outbox).</value></summary>
    public string? OutboxPath { get; init; }

    /// <summary>A URL that gets each message as an HTTP POST of JSON. <value>Default: null (no webhook).</value></summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>How long one webhook attempt may take. <value>Default: 10 seconds.</value></summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a webhook delivery is tried in all. <value>Default: 3.</value></summary>
    public int WebhookMaxAttempts { get; init; } = 3;

    /// <summary>The wait before the second attempt; it doubles for each later one. <value>Default: 1 second.</value></summary>
    public TimeSpan WebhookRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether a webhook that still fails after every attempt fails the publish (and so the Task state).
    /// <value>Default: false: the failure is logged and the publish succeeds, as SNS's own publish does when a subscriber is down.</value>
    /// </summary>
    public bool IsWebhookFailureFatal { get; init; }

    /// <summary>Every problem with these options, each naming the key at fault; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (WebhookUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
            errors.Add($"{nameof(NotificationOptions)}.{nameof(WebhookUrl)} must be an absolute http or https URL");
        if (WebhookTimeout <= TimeSpan.Zero)
            errors.Add($"{nameof(NotificationOptions)}.{nameof(WebhookTimeout)} must be positive");
        if (WebhookMaxAttempts < 1)
            errors.Add($"{nameof(NotificationOptions)}.{nameof(WebhookMaxAttempts)} must be at least 1");
        if (WebhookRetryDelay < TimeSpan.Zero)
            errors.Add($"{nameof(NotificationOptions)}.{nameof(WebhookRetryDelay)} can't be negative");
        return errors;
    }
}
