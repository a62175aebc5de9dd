using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SageBuild.Tests.Local.Notifications;

/// <summary>A real HTTP listener on 127.0.0.1 that records each request and answers with scripted statuses (or stalls).</summary>
internal sealed class LoopbackWebhook : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="script">The status of each request in turn (0 = never answer); after the script, 200.</param>
    public LoopbackWebhook(params int[] script)
    {
        _script = new ConcurrentQueue<int>(script);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hooks/sagebuild?token=abc");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string ContentType, string Body)> Requests { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            Requests.Enqueue((context.Request.ContentType ?? "", await reader.ReadToEndAsync()));
            var status = _script.TryDequeue(out var scripted) ? scripted : 200;
            if (status == 0)
                continue;   // leave the request hanging, as a stuck receiver would
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }
}
