namespace SageBuild.Engine.Api.Dashboard;

/// <summary>How the dashboard (<c>GET /</c>, <c>/ui/…</c>, <c>/api/…</c>) is served and who may use it.</summary>
public sealed record DashboardOptions
{
    /// <summary>
    /// The token a browser must present once before the dashboard answers it: the sign-in link carries it after <c>#</c>
    /// (<c>/#token=…</c>, never sent in a request line, so never in a request log), and the sign-in page trades it for an
    /// HttpOnly, SameSite=Strict cookie. Null lets anyone who can reach the port use the dashboard, exactly as anyone can
    /// then call the API.
    /// </summary>
    /// <value>Null. <see cref="Server.StepFunctionsServer"/> creates one (<see cref="DashboardAccessToken.Create"/>) when the API requires signatures.</value>
    public string? AccessToken { get; init; }

    /// <summary>
    /// The host names (as in the <c>Host</c> header, without the port) the dashboard answers to; <c>*</c> allows any.
    /// Refusing other names stops DNS rebinding: a web page whose name resolves to 127.0.0.1 cannot drive the dashboard.
    /// </summary>
    /// <value>Null: <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>. <see cref="Server.StepFunctionsServer"/> allows any name when it listens beyond loopback.</value>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>
    /// Where changes to executions come from. Null makes the dashboard watch the service itself, by polling it in-process
    /// every <see cref="PollInterval"/> while at least one page is open.
    /// </summary>
    /// <value>Null.</value>
    public IObservable<ExecutionChange>? Changes { get; init; }

    /// <summary>How often the built-in watcher polls (when <see cref="Changes"/> is null).</summary>
    /// <value>One second.</value>
    public TimeSpan PollInterval { get; init; } = DashboardDefaults.PollInterval;

    /// <summary>The clock of the watcher and of the event stream's heartbeats.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal IEnumerable<string> Problems()
    {
        if (AccessToken is { Length: < 16 })
            yield return $"{nameof(DashboardOptions)}.{nameof(AccessToken)}: a token of {AccessToken.Length} characters is too easy to guess (use at least 16)";
        if (AllowedHosts is { Count: 0 })
            yield return $"{nameof(DashboardOptions)}.{nameof(AllowedHosts)}: must name at least one host (or be null for the loopback names)";
        if (PollInterval < TimeSpan.FromMilliseconds(50) || PollInterval > TimeSpan.FromMinutes(1))
            yield return $"{nameof(DashboardOptions)}.{nameof(PollInterval)}: {PollInterval} is outside 50 ms to 1 minute";
        if (TimeProvider is null)
            yield return $"{nameof(DashboardOptions)}.{nameof(TimeProvider)}: must not be null";
    }
}
