using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SageBuild.Engine.Api.Server;

/// <summary>Maps the Step Functions API into an ASP.NET Core application.</summary>
public static class StepFunctionsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <paramref name="service"/> as the Step Functions awsJson1_0 API on <c>POST /</c>. Only POST is taken, so
    /// <c>GET /</c>, <c>/ui/…</c> and <c>/api/…</c> stay free for a dashboard on the same port.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each bad option.</exception>
    public static IEndpointConventionBuilder MapStepFunctionsApi(
        this IEndpointRouteBuilder endpoints, IStepFunctionsService service, StepFunctionsApiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        options ??= new StepFunctionsApiOptions();
        if (options.Problems().ToList() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        var loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var endpoint = new AwsJsonEndpoint(service, options, loggerFactory.CreateLogger("SageBuild.Engine.Api"));
        return endpoints.MapPost("/", endpoint.HandleAsync);
    }
}
