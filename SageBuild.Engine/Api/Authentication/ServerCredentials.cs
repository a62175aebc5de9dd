using System.Collections.Frozen;

namespace SageBuild.Engine.Api.Authentication;

/// <summary>
/// The access keys a server accepts. With none, any caller is accepted (as Step Functions Local does); with some, every
/// request must carry a valid SigV4 signature made with one of them. <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed class ServerCredentials
{
    private readonly FrozenDictionary<string, string> _secrets;

    private ServerCredentials(IEnumerable<KeyValuePair<string, string>> secrets) =>
        _secrets = secrets.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>No credentials: requests are not authenticated.</summary>
    public static ServerCredentials None { get; } = new([]);

    /// <summary>Whether no credentials are configured.</summary>
    public bool IsEmpty => _secrets.Count == 0;

    /// <summary>The access key ids accepted.</summary>
    public IReadOnlyCollection<string> AccessKeyIds => _secrets.Keys;

    /// <summary>One access key: <c>KEY:SECRET</c>, as <c>--credentials</c> takes it.</summary>
    /// <exception cref="FormatException">The text is not <c>KEY:SECRET</c> with both parts non-empty.</exception>
    public static ServerCredentials Parse(string keyAndSecret)
    {
        ArgumentNullException.ThrowIfNull(keyAndSecret);
        return new([ParsePair(keyAndSecret, "--credentials")]);
    }

    /// <summary>
    /// Reads a credentials file: either lines of <c>KEY:SECRET</c> (blank lines and <c>#</c> comments ignored), or an AWS
    /// shared credentials file whose profiles hold <c>aws_access_key_id</c> and <c>aws_secret_access_key</c>.
    /// </summary>
    /// <exception cref="FormatException">A line or profile is malformed; the message names the file and the line.</exception>
    public static ServerCredentials Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lines = File.ReadAllLines(path);
        var pairs = lines.Any(l => l.TrimStart().StartsWith('['))
            ? ReadProfiles(path, lines)
            : lines.Select((line, index) => (line: line.Trim(), index))
                .Where(l => l.line.Length > 0 && !l.line.StartsWith('#'))
                .Select(l => ParsePair(l.line, $"{path}:{l.index + 1}"));
        var all = pairs.ToList();
        return all.Count > 0 ? new(all) : throw new FormatException($"{path}: no credentials in the file");
    }

    /// <summary>The secret of <paramref name="accessKeyId"/>, when it is one of these credentials.</summary>
    internal bool TryGetSecret(string accessKeyId, out string secret) =>
        _secrets.TryGetValue(accessKeyId, out secret!);

    /// <inheritdoc />
    public override string ToString() => IsEmpty ? "no credentials" : $"{_secrets.Count} access key(s): {string.Join(", ", _secrets.Keys)}";

    private static KeyValuePair<string, string> ParsePair(string text, string where)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
            throw new FormatException($"{where}: expected KEY:SECRET (an access key id, a colon, then its secret)");
        return new(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadProfiles(string path, string[] lines)
    {
        string? profile = null, key = null, secret = null;
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i].Trim() : "[";
            if (line.StartsWith('['))
            {
                if (profile is not null)
                {
                    if (key is null || secret is null)
                        throw new FormatException($"{path}:{start + 1}: profile [{profile}] needs aws_access_key_id and aws_secret_access_key");
                    yield return new(key, secret);
                }
                profile = line.Trim('[', ']', ' ');
                (key, secret, start) = (null, null, i);
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
                continue;
            var name = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (name == "aws_access_key_id")
                key = value;
            else if (name == "aws_secret_access_key")
                secret = value;
        }
    }
}
