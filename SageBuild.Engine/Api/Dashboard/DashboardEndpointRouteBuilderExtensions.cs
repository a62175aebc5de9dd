using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SageBuild.Engine.Api.Server;

namespace SageBuild.Engine.Api.Dashboard;

/// <summary>Maps the SageBuild dashboard into an ASP.NET Core application, beside the Step Functions API.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the dashboard for <paramref name="service"/>: the page at <c>GET /</c>, its files under <c>/ui/</c>, and its
    /// endpoints under <c>/api/</c> (<c>POST /api/session</c>, <c>POST /api/sfn</c>, <c>GET /api/graph</c>,
    /// <c>GET /api/execution-states</c>, <c>GET /api/events</c>). <c>POST /</c> is left to <see cref="StepFunctionsEndpointRouteBuilderExtensions.MapStepFunctionsApi"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each bad option.</exception>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints, IStepFunctionsService service, DashboardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        options ??= new DashboardOptions();
        if (options.Problems().ToList() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));

        var loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("SageBuild.Engine.Api.Dashboard");
        var stopping = endpoints.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        var changes = options.Changes ?? new ExecutionWatcher(service, options.PollInterval, options.TimeProvider, logger);
        // The page's calls are answered in-process, without a signature: the dashboard's own guard admits the caller.
        var api = new AwsJsonEndpoint(service, new StepFunctionsApiOptions
        {
            TimeProvider = options.TimeProvider,
            MaxRequestBodyBytes = DashboardDefaults.MaxRequestBodyBytes,
        }, logger);
        var handlers = new DashboardEndpoints(service, new DashboardGuard(options), api, new ExecutionEventStream(changes, options.TimeProvider, stopping));

        endpoints.MapGet("/", handlers.IndexAsync);
        endpoints.MapGet("/ui/{name}", handlers.AssetAsync);
        endpoints.MapPost("/api/session", handlers.SessionAsync);
        endpoints.MapPost("/api/sfn", handlers.StepFunctionsAsync);
        endpoints.MapGet("/api/graph", handlers.GraphAsync);
        endpoints.MapGet("/api/execution-states", handlers.ExecutionStatesAsync);
        endpoints.MapGet("/api/events", handlers.EventsAsync);
        endpoints.Map("/api/{**rest}", handlers.NotFoundAsync);
        return endpoints;
    }
}
