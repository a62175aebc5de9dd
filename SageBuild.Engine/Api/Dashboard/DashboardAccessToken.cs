using System.Security.Cryptography;

namespace SageBuild.Engine.Api.Dashboard;

/// <summary>Access tokens for <see cref="DashboardOptions.AccessToken"/>.</summary>
public static class DashboardAccessToken
{
    /// <summary>A new random token: 32 bytes from the operating system's secure generator, as URL-safe base64 (43 characters).</summary>
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
