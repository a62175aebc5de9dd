using System.Text.RegularExpressions;

namespace SageBuild.Infra.Model;

/// <summary>
/// A Pulumi resource type token in the YAML short form <c>package:module:Type</c>, such as <c>aws:s3:Bucket</c>.
/// The full form Pulumi records (<c>aws:s3/bucket:Bucket</c>) is <see cref="FullToken"/>.
/// </summary>
public sealed partial record ResourceType
{
    /// <summary>A type of <paramref name="token"/>, checked for the <c>package:module:Type</c> shape.</summary>
    public ResourceType(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var match = TokenPattern().Match(token);
        if (!match.Success)
            throw new ArgumentException($"'{token}' is not a type token such as aws:s3:Bucket", nameof(token));
        Token = token;
        Package = match.Groups[1].Value;
        Module = match.Groups[2].Value;
        Name = match.Groups[3].Value;
    }

    /// <summary>The short token, such as <c>aws:s3:Bucket</c>.</summary>
    public string Token { get; }

    /// <summary>The package, such as <c>aws</c>.</summary>
    public string Package { get; }

    /// <summary>The module, such as <c>s3</c>.</summary>
    public string Module { get; }

    /// <summary>The type's name, such as <c>Bucket</c>.</summary>
    public string Name { get; }

    /// <summary>The token Pulumi records in state, such as <c>aws:s3/bucket:Bucket</c>.</summary>
    public string FullToken => $"{Package}:{Module}/{char.ToLowerInvariant(Name[0])}{Name[1..]}:{Name}";

    /// <inheritdoc />
    public override string ToString() => Token;

    [GeneratedRegex("^([a-z][a-z0-9-]*):([a-z][A-Za-z0-9]*):([A-Z][A-Za-z0-9]*)$")]
    private static partial Regex TokenPattern();
}
