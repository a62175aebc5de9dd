using System.Text.RegularExpressions;

namespace SageBuild.Infra.Model;

/// <summary>
/// A reference to a resource, a variable or a config value, with an optional property path: written
/// <c>${bucket.arn}</c>. On its own in a string it is a substitution (its value keeps its type); with text around it,
/// an interpolation.
/// </summary>
public sealed partial record Reference
{
    /// <summary>A reference to <paramref name="root"/>, or to <paramref name="path"/> of it.</summary>
    public Reference(string root, string? path = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (!NamePattern().IsMatch(root))
            throw new ArgumentException($"'{root}' cannot be referenced: use letters, digits, '_' and '-', starting with a letter", nameof(root));
        if (path is not null && !PathPattern().IsMatch(path))
            throw new ArgumentException($"'{path}' is not a property path such as arn or outputs.name", nameof(path));
        Root = root;
        Path = path;
    }

    /// <summary>The resource, variable or config key.</summary>
    public string Root { get; }

    /// <summary>The property path, such as <c>arn</c>; null for the whole value.</summary>
    public string? Path { get; }

    /// <summary>The expression inside <c>${...}</c>.</summary>
    public string Expression => Path is null ? Root : $"{Root}.{Path}";

    /// <inheritdoc />
    public override string ToString() => "${" + Expression + "}";

    /// <summary>Resource, variable and config names that a reference can point to.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    internal static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])*$")]
    private static partial Regex PathPattern();
}
