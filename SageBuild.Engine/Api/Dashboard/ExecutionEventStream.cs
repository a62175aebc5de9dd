using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace SageBuild.Engine.Api.Dashboard;

/// <summary>
/// <c>GET /api/events</c>: a Server-Sent Events stream of <see cref="ExecutionChange"/>s, one <c>execution</c> event each,
/// for the open page to read again what changed. It opens with a <c>ready</c> event, sends a comment when idle so the
/// connection stays open, and sends <c>resync</c> if it ever had to drop changes (a page that cannot keep up reloads all).
/// </summary>
internal sealed class ExecutionEventStream(IObservable<ExecutionChange> changes, TimeProvider time, CancellationToken stopping)
{
    private const int Buffered = 256;

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        // Tells a reverse proxy not to hold the stream back in a buffer.
        response.Headers["X-Accel-Buffering"] = "no";
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = linked.Token;
        var channel = Channel.CreateBounded<ExecutionChange>(new BoundedChannelOptions(Buffered)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        var observer = new ChannelObserver(channel.Writer);
        using var subscription = changes.Subscribe(observer);
        try
        {
            await WriteAsync(response, "retry: 2000\nevent: ready\ndata: {}\n\n", cancellationToken);
            using var heartbeat = new PeriodicTimer(DashboardDefaults.Heartbeat, time);
            Task<bool>? read = null;
            Task<bool>? tick = null;
            while (true)
            {
                read ??= channel.Reader.WaitToReadAsync(cancellationToken).AsTask();
                tick ??= heartbeat.WaitForNextTickAsync(cancellationToken).AsTask();
                var done = await Task.WhenAny(read, tick);
                if (done == tick)
                {
                    tick = null;
                    if (!await done)
                        break;
                    await WriteAsync(response, ": idle\n\n", cancellationToken);
                    continue;
                }

                read = null;
                if (!await done)
                    break;
                while (channel.Reader.TryRead(out var change))
                    await WriteAsync(response, Event(change), cancellationToken);
                if (observer.TakeOverflow())
                    await WriteAsync(response, "event: resync\ndata: {}\n\n", cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away, or the server is stopping.
        }
    }

    private static string Event(ExecutionChange change)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("executionArn", change.ExecutionArn);
            json.WriteString("stateMachineArn", change.StateMachineArn);
            json.WriteEndObject();
        }

        // Utf8JsonWriter escapes control characters, so the data is one line, as SSE needs.
        return $"event: execution\ndata: {System.Text.Encoding.UTF8.GetString(buffer.ToArray())}\n\n";
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private sealed class ChannelObserver(ChannelWriter<ExecutionChange> writer) : IObserver<ExecutionChange>
    {
        private int _overflowed;

        public bool TakeOverflow() => Interlocked.Exchange(ref _overflowed, 0) == 1;

        public void OnNext(ExecutionChange value)
        {
            if (!writer.TryWrite(value))
                Interlocked.Exchange(ref _overflowed, 1);
        }

        // The source ended (or broke): end the stream; the browser reconnects and subscribes afresh.
        public void OnError(Exception error) => writer.TryComplete();

        public void OnCompleted() => writer.TryComplete();
    }
}
