using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SageBuild.Engine.Api.Dashboard;

/// <summary>
/// Who may use the dashboard: requests must name an allowed host (no DNS rebinding), carry the session cookie when an
/// access token is set, and, for the calls that change something, come from the dashboard's own origin (no cross-site
/// requests). Every answer carries headers that keep the page from being framed, sniffed or given other origins' scripts.
/// </summary>
internal sealed class DashboardGuard
{
    private readonly byte[]? _token;
    private readonly HashSet<string>? _hosts;

    public DashboardGuard(DashboardOptions options)
    {
        _token = options.AccessToken is { } token ? Encoding.UTF8.GetBytes(token) : null;
        var hosts = options.AllowedHosts ?? DashboardDefaults.LoopbackHosts;
        _hosts = hosts.Contains("*") ? null : new HashSet<string>(hosts, StringComparer.OrdinalIgnoreCase);
    }

    public bool RequiresSignIn => _token is not null;

    /// <summary>Headers every dashboard answer carries.</summary>
    public static void AddSecurityHeaders(HttpResponse response)
    {
        // Only the dashboard's own scripts, styles and API: no inline script, no other origin, no framing.
        response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
        response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }

    /// <summary>Whether the request names a host the dashboard answers to.</summary>
    public bool IsAllowedHost(HttpRequest request) =>
        _hosts is null || (request.Host.HasValue && _hosts.Contains(request.Host.Host));

    /// <summary>Whether the request carries the session cookie (or no sign-in is needed).</summary>
    public bool IsSignedIn(HttpRequest request) =>
        _token is null || (request.Cookies.TryGetValue(DashboardDefaults.SessionCookie, out var cookie) && Matches(cookie));

    /// <summary>Whether <paramref name="candidate"/> is the access token, compared in constant time.</summary>
    public bool Matches(string? candidate) =>
        _token is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);

    /// <summary>Signs the browser in: the cookie is invisible to scripts and never sent by another site's requests.</summary>
    public static void SignIn(HttpResponse response, string token) =>
        response.Cookies.Append(DashboardDefaults.SessionCookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });

    /// <summary>
    /// Whether a request that changes something comes from the dashboard's own page. Browsers send <c>Origin</c> with
    /// every cross-site POST; a request without one comes from a non-browser client, which the cookie already vouches for.
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
