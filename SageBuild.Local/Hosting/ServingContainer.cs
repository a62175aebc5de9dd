using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SageBuild.Local.Jobs;
using SageBuild.Local.Processes;

namespace SageBuild.Local.Hosting;

/// <summary>
/// One serving process, under SageMaker's hosting contract: started with <c>SAGEMAKER_BIND_TO_PORT</c> set to a free
/// loopback port, healthy once <c>GET /ping</c> answers 200, and called with <c>POST /invocations</c>.
/// </summary>
internal sealed class ServingContainer : IAsyncDisposable
{
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(60); // SageMaker's real-time limit
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    private readonly ChildProcess _process;
    private readonly HttpClient _client;
    private readonly JobLog _log;

    private ServingContainer(string hostname, int port, ChildProcess process, JobLog log)
    {
        Hostname = hostname;
        Port = port;
        _process = process;
        _log = log;
        _client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // One connection per request, never pooled. Simple model servers (Python's http.server among them) close
            // the connection after each answer; .NET would still pool it (it keeps HTTP/1.0 connections), and under
            // concurrent traffic a request sent on such a connection fails with "response ended prematurely".
            PooledConnectionLifetime = TimeSpan.Zero,
        })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string Hostname { get; }

    public int Port { get; }

    public int ProcessId => _process.ProcessId;

    public bool HasEnded => _process.HasEnded;

    /// <summary>Starts <paramref name="command"/> and waits until it passes the ping health check.</summary>
    /// <exception cref="ContainerStartupException">The process ended, or did not answer 200 within <paramref name="startupTimeout"/>.</exception>
    public static async Task<ServingContainer> StartAsync(
        string hostname, string command, string workingDirectory, IReadOnlyDictionary<string, string?> environment, JobLog log,
        TimeSpan startupTimeout, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var variables = new Dictionary<string, string?>(environment, StringComparer.Ordinal)
        {
            ["SAGEMAKER_BIND_TO_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        ChildProcess process;
        try
        {
            process = ChildProcess.Start(new ChildProcessStartInfo(command, workingDirectory, log.Write) { Environment = variables });
        }
        catch (InvalidOperationException e)
        {
            throw new ContainerStartupException(e.Message);
        }

        var container = new ServingContainer(hostname, port, process, log);
        try
        {
            await container.WaitUntilHealthyAsync(startupTimeout, cancellationToken);
            return container;
        }
        catch
        {
            await container.StopAsync(TimeSpan.FromSeconds(2));
            await container.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one invocation.</summary>
    public async Task<ContainerResponse> InvokeAsync(
        byte[] body, string? contentType, string? accept, string? customAttributes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "invocations") { Content = new ByteArrayContent(body) };
        request.Headers.ConnectionClose = true;
        if (contentType is not null)
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        if (customAttributes is not null)
            request.Headers.TryAddWithoutValidation("X-Amzn-SageMaker-Custom-Attributes", customAttributes);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InvocationTimeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return new ContainerResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), bytes);
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException(e.HttpRequestError,
                $"{e.Message} (port {Port}, process {ProcessId}{(HasEnded ? ", which has ended" : "")})", e.InnerException);
        }
    }

    public Task<int> StopAsync(TimeSpan gracePeriod) => _process.StopAsync(gracePeriod);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _client.Dispose();
    }

    private async Task WaitUntilHealthyAsync(TimeSpan startupTimeout, CancellationToken cancellationToken)
    {
        // Poll with a short, growing delay: a fast server is found healthy within milliseconds, a slow one costs
        // at most a tenth of a second more than it needs.
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            if (_process.HasEnded)
            {
                var exit = await _process.Completion;
                throw new ContainerStartupException($"the serve command exited with code {exit} before answering GET /ping. Last log lines:\n{_log.Tail()}");
            }

            if (await PingAsync(cancellationToken) is HttpStatusCode.OK)
                return;
            if (clock.Elapsed > startupTimeout)
            {
                throw new ContainerStartupException(
                    $"the serve command did not answer GET /ping with 200 on port {Port} within {startupTimeout.TotalSeconds:0} s. Last log lines:\n{_log.Tail()}");
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
        }
    }

    private async Task<HttpStatusCode?> PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "ping");
            request.Headers.ConnectionClose = true;
            using var response = await _client.SendAsync(request, timeout.Token);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // listening but slow to answer: try again
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
