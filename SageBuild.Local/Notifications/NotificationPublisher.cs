using System.Net.Http.Headers;
using System.Text;

namespace SageBuild.Local.Notifications;

/// <summary>
/// Delivers published messages to the configured sinks: the console, the outbox file and the webhook.
/// </summary>
/// <remarks>
/// The outbox is append-only: each message is one line written with a single append, so concurrent publishers (threads
/// or processes) never interleave within a line. The webhook gets an HTTP POST of the message's JSON; a network error,
/// a timeout, 429 or a 5xx is retried with a doubling delay, any other status is final. Warnings name the webhook's
/// host only, since a webhook URL often carries a token.
/// </remarks>
public sealed class NotificationPublisher
{
    private readonly NotificationOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TextWriter _console;
    private readonly Lock _outboxGate = new();

    /// <summary>Creates a publisher; <paramref name="http"/> is used for the webhook (one is created when null).</summary>
    public NotificationPublisher(NotificationOptions options, HttpClient? http = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _options = options;
        _http = http ?? new HttpClient();
        _time = timeProvider ?? TimeProvider.System;
        _console = options.Console ?? Console.Out;
        if (options.OutboxPath is { } outbox && Path.GetDirectoryName(Path.GetFullPath(outbox)) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
    }

    /// <summary>The current time, as this publisher's clock tells it.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Delivers <paramref name="message"/> to every sink. Throws <see cref="NotificationDeliveryException"/> only for a fatal webhook failure.</summary>
    public async Task PublishAsync(NotificationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_options.WriteToConsole)
            WriteToConsole(message);
        if (_options.OutboxPath is { } outbox)
            AppendToOutbox(outbox, message);
        if (_options.WebhookUrl is { } url)
            await PostToWebhookAsync(url, message, cancellationToken);
    }

    private void WriteToConsole(NotificationMessage message)
    {
        var topic = message.TopicArn[(message.TopicArn.LastIndexOf(':') + 1)..];
        lock (_console)
            _console.WriteLine($"[notification] {topic}: {message.Subject ?? "(no subject)"}{Environment.NewLine}{message.Message}");
    }

    // About ten seconds of waiting for another writer before giving up loudly.
    private const int OutboxLockAttempts = 400;

    private void AppendToOutbox(string path, NotificationMessage message)
    {
        var line = Encoding.UTF8.GetBytes(message.ToJson().ToJson() + "\n");
        lock (_outboxGate)
        {
            // .NET appends by seeking to the end and writing at that offset, so two writers can land on the same
            // offset. FileShare.None takes an exclusive advisory lock (flock) that other publishers, in this process
            // or another, honour; a writer that finds the file taken waits its turn. Readers are not locked out.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
                    stream.Write(line);
                    stream.Flush(flushToDisk: true);
                    return;
                }
                catch (IOException) when (attempt < OutboxLockAttempts && File.Exists(path))
                {
                    Thread.Sleep(Math.Min(50, 1 + attempt));
                }
            }
        }
    }

    private async Task PostToWebhookAsync(Uri url, NotificationMessage message, CancellationToken cancellationToken)
    {
        var body = message.ToJson().ToJson();
        var delay = _options.WebhookRetryDelay;
        string? lastProblem = null;
        for (var attempt = 1; attempt <= _options.WebhookMaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(delay, _time, cancellationToken);
                delay *= 2;
            }

            using var timeout = new CancellationTokenSource(_options.WebhookTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                using var content = new StringContent(body, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                using var response = await _http.PostAsync(url, content, linked.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                    return;
                lastProblem = $"HTTP {status}";
                if (status != 429 && status < 500)
                    break;   // the receiver refused the message: asking again won't change its mind
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                lastProblem = $"no answer within {_options.WebhookTimeout.TotalSeconds:0.###} s";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
        }

        var warning = $"webhook delivery to {url.Host} failed after {_options.WebhookMaxAttempts} attempt(s): {lastProblem} (message {message.MessageId})";
        if (_options.IsWebhookFailureFatal)
            throw new NotificationDeliveryException(warning);
        lock (_console)
            _console.WriteLine($"[notification] warning: {warning}");
    }
}
