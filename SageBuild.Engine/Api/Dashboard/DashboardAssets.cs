using System.Collections.Frozen;
using System.Security.Cryptography;

namespace SageBuild.Engine.Api.Dashboard;

/// <summary>
/// The dashboard's page, scripts and styles: files under <c>Api/Dashboard/Assets</c>, embedded in the assembly (so the
/// dashboard needs no files on disk and no internet), each with its content type and an ETag of its bytes.
/// </summary>
internal static class DashboardAssets
{
    private const string Prefix = "SageBuild.Dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, Asset>> All = new(Load);

    /// <summary>The asset named <paramref name="name"/> (such as <c>app.js</c>), or null.</summary>
    public static Asset? Find(string name) => All.Value.GetValueOrDefault(name);

    /// <summary>The names of every asset.</summary>
    public static IEnumerable<string> Names => All.Value.Keys;

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var name = resource[Prefix.Length..];
            var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12))}\"";
            assets[name] = new Asset(name, bytes, contentType, etag);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>One embedded file.</summary>
    internal sealed record Asset(string Name, byte[] Bytes, string ContentType, string ETag);
}
