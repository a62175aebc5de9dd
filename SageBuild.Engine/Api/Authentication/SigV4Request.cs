namespace SageBuild.Engine.Api.Authentication;

/// <summary>What SigV4 verification needs of an HTTP request, independent of the web framework.</summary>
/// <param name="Method">The HTTP method, such as <c>POST</c>.</param>
/// <param name="RawPath">The path exactly as sent (still percent-encoded), such as <c>/</c>.</param>
/// <param name="RawQuery">The query string as sent, without the <c>?</c>; empty when there is none.</param>
/// <param name="Headers">Every header, by name (any case), with every value it was sent with.</param>
/// <param name="Body">The body bytes.</param>
public sealed record SigV4Request(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>The values of a header (case-insensitive), or null when absent.</summary>
    public IReadOnlyList<string>? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
