namespace SageBuild.Local.Parameters;

/// <summary>One stored version of a parameter.</summary>
/// <param name="Name">The parameter's name, such as <c>/sagebuild/dev/config</c>.</param>
/// <param name="Type">Its type at this version.</param>
/// <param name="Value">The value, in clear. Use <see cref="DisplayValue"/> for anything shown to a person.</param>
/// <param name="Version">1 for the first put, then 2, 3, ...; never reused.</param>
/// <param name="LastModified">When this version was written (UTC).</param>
/// <param name="Labels">The labels that point at this version.</param>
/// <param name="Description">The description given with this version, if any.</param>
public sealed record ParameterVersion(string Name, ParameterType Type, string Value, long Version, DateTimeOffset LastModified, IReadOnlyList<string> Labels, string? Description)
{
    /// <summary>What stands in for a SecureString's value when it is not asked for.</summary>
    public const string Redacted = "********";

    /// <summary>Whether this is a <see cref="ParameterType.SecureString"/>.</summary>
    public bool IsSecure => Type == ParameterType.SecureString;

    /// <summary>The value for display: <see cref="Redacted"/> for a SecureString unless <paramref name="withDecryption"/>.</summary>
    public string DisplayValue(bool withDecryption = false) => IsSecure && !withDecryption ? Redacted : Value;

    /// <summary>A description safe to log: a SecureString's value is redacted.</summary>
    public override string ToString() => $"{Name} v{Version} ({Type}) = {DisplayValue()}";
}
