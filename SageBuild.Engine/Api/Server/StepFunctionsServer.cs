using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SageBuild.Engine.Api.Dashboard;

namespace SageBuild.Engine.Api.Server;

/// <summary>
/// An HTTP server (Kestrel) that speaks the Step Functions API for an <see cref="IStepFunctionsService"/>, so the AWS CLI,
/// the AWS SDKs and <see cref="Client.StepFunctionsClient"/> can drive it as they drive AWS.
/// </summary>
public sealed partial class StepFunctionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StepFunctionsServer(WebApplication app, Uri endpoint, IPAddress address, Uri? dashboardUrl)
    {
        _app = app;
        Endpoint = endpoint;
        ListenAddress = address;
        DashboardUrl = dashboardUrl;
    }

    /// <summary>The URL a client on this machine calls, such as <c>http://127.0.0.1:8083/</c>, with the port actually bound.</summary>
    public Uri Endpoint { get; }

    /// <summary>The address the server listens on.</summary>
    public IPAddress ListenAddress { get; }

    /// <summary>
    /// The dashboard's address for a browser on this machine, with <c>#token=…</c> when it asks for a sign-in: show it to
    /// the user who started the server (it is not logged). Null when the server serves no dashboard.
    /// </summary>
    public Uri? DashboardUrl { get; }

    /// <summary>Starts serving <paramref name="service"/>; returns once the port is bound.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each bad option.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<StepFunctionsServer> StartAsync(
        IStepFunctionsService service, StepFunctionsServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        options ??= new StepFunctionsServerOptions();
        options.Validate();
        var address = options.BindAddress;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(StepFunctionsServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options.LoggerFactory);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // One byte above the endpoint's own limit, so the endpoint (not Kestrel) refuses a large body, in AWS's error format.
            kestrel.Limits.MaxRequestBodySize = options.Api.MaxRequestBodyBytes + 1L;
            kestrel.Listen(address, options.Port);
        });
        var app = builder.Build();
        app.MapStepFunctionsApi(service, options.Api);
        var dashboard = DashboardFor(options, address);
        if (dashboard is not null)
            app.MapDashboard(service, dashboard);
        await app.StartAsync(cancellationToken);

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        // A wildcard address is not one a client can call; the loopback address on the same port is.
        var host = address.Equals(IPAddress.Any) ? "127.0.0.1" : address.Equals(IPAddress.IPv6Any) ? "[::1]" : bound.Host;
        var endpoint = new UriBuilder(Uri.UriSchemeHttp, host, bound.Port, "/").Uri;
        var logger = options.LoggerFactory.CreateLogger<StepFunctionsServer>();
        LogListening(logger, endpoint, options.Api.Credentials.IsEmpty ? "any caller" : "SigV4 signatures only");
        if (!IPAddress.IsLoopback(address))
        {
            LogExposed(logger, address, options.Api.Credentials.IsEmpty
                ? " No credentials are configured, so anyone who can reach it can run state machines: pass --credentials KEY:SECRET to require signatures."
                : string.Empty);
        }
        Uri? dashboardUrl = null;
        if (dashboard is not null)
        {
            // After '#': a browser never sends the fragment, so the token never shows in a request line or a request log.
            dashboardUrl = dashboard.AccessToken is { } token ? new Uri(endpoint, "/#token=" + Uri.EscapeDataString(token)) : endpoint;
            LogDashboard(logger, endpoint, dashboard.AccessToken is null ? string.Empty : " (sign in with the link the server printed at start-up)");
        }

        return new StepFunctionsServer(app, endpoint, address, dashboardUrl);
    }

    /// <summary>
    /// The dashboard as this server serves it: behind a sign-in token whenever the API demands signatures (a browser
    /// cannot sign, and the page must not hold the secret), and answering to any host name once it listens beyond loopback.
    /// </summary>
    private static DashboardOptions? DashboardFor(StepFunctionsServerOptions options, IPAddress address)
    {
        if (options.Dashboard is not { } dashboard)
            return null;
        return dashboard with
        {
            AccessToken = dashboard.AccessToken ?? (options.Api.Credentials.IsEmpty ? null : DashboardAccessToken.Create()),
            AllowedHosts = dashboard.AllowedHosts ?? (IPAddress.IsLoopback(address) ? null : ["*"]),
            TimeProvider = dashboard.TimeProvider == TimeProvider.System ? options.Api.TimeProvider : dashboard.TimeProvider,
        };
    }

    /// <summary>Stops accepting calls and finishes the ones in flight.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Completes when the server stops.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Step Functions API listening on {Endpoint}, accepting {Callers}")]
    private static partial void LogListening(ILogger logger, Uri endpoint, string callers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard on {Endpoint}{SignIn}")]
    private static partial void LogDashboard(ILogger logger, Uri endpoint, string signIn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Step Functions API listens on {Address}, which is not a loopback address: other machines can reach it.{Advice}")]
    private static partial void LogExposed(ILogger logger, IPAddress address, string advice);
}
