using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Hosting;

/// <summary>
/// The endpoints' stable front door on loopback: <c>POST /endpoints/{name}/invocations</c> (SageMaker Runtime's
/// InvokeEndpoint path) and the short alias <c>POST /{name}</c> reach the endpoint's current variant, whatever
/// process and port serve it; <c>GET /endpoints</c> lists the endpoints and <c>GET /ping</c> answers 200.
/// </summary>
internal sealed class InvocationServer : IAsyncDisposable
{
    private const int MaxPayloadBytes = 6 * 1024 * 1024; // SageMaker Runtime's limit for a real-time request

    private readonly WebApplication _app;
    private readonly LocalHostingService _hosting;

    private InvocationServer(WebApplication app, LocalHostingService hosting, int port)
    {
        _app = app;
        _hosting = hosting;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The base URL, such as <c>http://127.0.0.1:8080</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<InvocationServer> StartAsync(LocalHostingService hosting, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(InvocationServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port); // loopback only: nothing outside this machine reaches a model
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxPayloadBytes + 1;
        });
        var app = builder.Build();
        InvocationServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"cannot listen on 127.0.0.1:{port} for the endpoints' invocation URL: {e.Message}", e);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new InvocationServer(app, hosting, new Uri(address).Port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) && segments is ["ping"])
        {
            await WriteTextAsync(http, 200, "text/plain", "ok");
            return;
        }

        if (HttpMethods.IsGet(method) && segments is ["endpoints"])
        {
            await WriteTextAsync(http, 200, "application/json", ListEndpoints().ToJson());
            return;
        }

        string? name = segments switch
        {
            ["endpoints", var endpoint, "invocations"] => endpoint,
            [var endpoint] when endpoint != "endpoints" => endpoint,
            _ => null,
        };
        if (name is null)
        {
            await WriteErrorAsync(http, 404, "UnknownOperationException", $"no route for {method} {path}: use POST /endpoints/{{name}}/invocations or POST /{{name}}");
            return;
        }

        if (!HttpMethods.IsPost(method))
        {
            await WriteErrorAsync(http, 405, "UnknownOperationException", $"{method} is not allowed here: invocations are POST requests");
            return;
        }

        await InvokeAsync(http, Uri.UnescapeDataString(name));
    }

    private async Task InvokeAsync(HttpContext http, string endpointName)
    {
        var body = await ReadBodyAsync(http.Request);
        if (body is null)
        {
            await WriteErrorAsync(http, 413, "ValidationError", $"the request body is larger than SageMaker Runtime's limit of {MaxPayloadBytes} bytes");
            return;
        }

        var headers = http.Request.Headers;
        try
        {
            var (response, variant) = await _hosting.InvokeAsync(
                endpointName, body, http.Request.ContentType, Header(headers, "Accept"), Header(headers, "X-Amzn-SageMaker-Custom-Attributes"),
                Header(headers, "X-Amzn-SageMaker-Target-Variant"), Header(headers, "X-Amzn-SageMaker-Target-Container-Hostname"), http.RequestAborted);
            http.Response.Headers["x-Amzn-Invoked-Production-Variant"] = variant;
            if (response.IsSuccess)
            {
                http.Response.StatusCode = response.StatusCode;
                http.Response.ContentType = response.ContentType ?? "application/octet-stream";
                await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
                return;
            }

            // As SageMaker Runtime does, an error from the model comes back as a 424 ModelError that carries it.
            var original = System.Text.Encoding.UTF8.GetString(response.Body);
            var kind = response.StatusCode < 500 ? "client" : "server";
            var error = JsonObject.Create(
                ("ErrorCode", response.StatusCode < 500 ? "CLIENT_ERROR_FROM_MODEL" : "INTERNAL_FAILURE_FROM_MODEL"),
                ("Message", $"Received {kind} error ({response.StatusCode}) from {variant} with message \"{original}\"."),
                ("OriginalMessage", original),
                ("OriginalStatusCode", response.StatusCode));
            http.Response.Headers["x-amzn-ErrorType"] = "ModelError";
            await WriteTextAsync(http, 424, "application/json", error.ToJson());
        }
        catch (InvocationException e)
        {
            await WriteErrorAsync(http, e.StatusCode, e.ErrorCode, e.Message);
        }
    }

    private JsonArray ListEndpoints() =>
        JsonArray.Create(_hosting.Endpoints.Values.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e =>
        {
            string status;
            lock (e.Gate)
                status = e.Status;
            return (JsonValue)JsonObject.Create(
                ("EndpointName", e.Name),
                ("EndpointStatus", status),
                ("InvocationUrl", $"{BaseUrl}/endpoints/{Uri.EscapeDataString(e.Name)}/invocations"));
        }));

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxPayloadBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaxPayloadBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    private static Task WriteErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.Headers["x-amzn-ErrorType"] = code;
        return WriteTextAsync(http, status, "application/json", JsonObject.Create(("message", message)).ToJson());
    }

    private static async Task WriteTextAsync(HttpContext http, int status, string contentType, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(text, http.RequestAborted);
    }
}
