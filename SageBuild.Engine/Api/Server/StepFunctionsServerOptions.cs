using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SageBuild.Engine.Api.Dashboard;

namespace SageBuild.Engine.Api.Server;

/// <summary>Where a <see cref="StepFunctionsServer"/> listens and how it treats requests.</summary>
public sealed record StepFunctionsServerOptions
{
    /// <summary>The address to listen on: an IP address, or <c>localhost</c>.</summary>
    /// <value><c>127.0.0.1</c>. Any other than a loopback address logs a warning when the server starts.</value>
    public string Bind { get; init; } = StepFunctionsServerDefaults.Bind;

    /// <summary>The TCP port; 0 picks a free one (see <see cref="StepFunctionsServer.Endpoint"/>).</summary>
    /// <value>8083.</value>
    public int Port { get; init; } = StepFunctionsServerDefaults.Port;

    /// <summary>How requests are authenticated and bounded.</summary>
    /// <value>No credentials, the system clock, 8 MiB bodies.</value>
    public StepFunctionsApiOptions Api { get; init; } = new();

    /// <summary>The dashboard served at <c>GET /</c> on the same port; null serves none.</summary>
    /// <value>
    /// A dashboard for this machine: it answers to loopback host names only (any name when <see cref="Bind"/> is not a
    /// loopback address), and it asks for a sign-in token (see <see cref="StepFunctionsServer.DashboardUrl"/>) when
    /// <see cref="StepFunctionsApiOptions.Credentials"/> are configured.
    /// </value>
    public DashboardOptions? Dashboard { get; init; } = new();

    /// <summary>Where the server logs (start, warnings, failures; never request bodies or secrets).</summary>
    /// <value><see cref="NullLoggerFactory.Instance"/>.</value>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The address <see cref="Bind"/> names.</summary>
    internal IPAddress BindAddress =>
        Bind == "localhost" ? IPAddress.Loopback : IPAddress.Parse(Bind);

    /// <summary>Checks every option at once.</summary>
    /// <exception cref="ArgumentException">One line per problem, each naming the option.</exception>
    internal void Validate()
    {
        var problems = new List<string>();
        if (Bind != "localhost" && !IPAddress.TryParse(Bind, out _))
            problems.Add($"{nameof(StepFunctionsServerOptions)}.{nameof(Bind)}: '{Bind}' is not an IP address or 'localhost'");
        if (Port is < 0 or > 65535)
            problems.Add($"{nameof(StepFunctionsServerOptions)}.{nameof(Port)}: {Port} is not a TCP port (0 to 65535)");
        if (LoggerFactory is null)
            problems.Add($"{nameof(StepFunctionsServerOptions)}.{nameof(LoggerFactory)}: must not be null");
        if (Dashboard is not null)
            problems.AddRange(Dashboard.Problems());
        if (Api is null)
            problems.Add($"{nameof(StepFunctionsServerOptions)}.{nameof(Api)}: must not be null");
        else
            problems.AddRange(Api.Problems());
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, problems));
    }
}
