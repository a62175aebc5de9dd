namespace SageBuild.Engine.Api.Dashboard;

/// <summary>The defaults of <see cref="DashboardOptions"/>, in one place.</summary>
internal static class DashboardDefaults
{
    /// <summary>How often the built-in watcher looks for changes while a page is open: quick enough to read as live.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle event stream sends a comment, so proxies and browsers keep it open.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>The host names a page may be served under unless configured otherwise: this machine's loopback names only.</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    /// <summary>The largest request the dashboard forwards to the API, in bytes (an execution input is at most 256 KiB).</summary>
    public const int MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The cookie that holds a signed-in page's access token.</summary>
    public const string SessionCookie = "sagebuild-dashboard";
}
