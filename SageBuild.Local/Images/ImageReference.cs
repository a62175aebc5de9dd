using System.Text.RegularExpressions;
using SageBuild.Local.Shapes;

namespace SageBuild.Local.Images;

/// <summary>
/// An image reference reduced to <c>repository:tag</c>: the registry host is dropped, so
/// <c>123456789012.dkr.ecr.us-east-1.amazonaws.com/model:Training_v3</c> and <c>model:Training_v3</c> are the same image.
/// </summary>
internal sealed partial record ImageReference(string Repository, string Tag)
{
    public override string ToString() => $"{Repository}:{Tag}";

    /// <summary>The repository's last path segment, such as <c>pytorch-training</c>.</summary>
    public string Name => Repository[(Repository.LastIndexOf('/') + 1)..];

    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var text = reference.Trim();
        if (text.Contains('@', StringComparison.Ordinal))
            throw ServiceException.Invalid($"image '{reference}': digests are not supported locally; refer to the image by tag");
        var firstSlash = text.IndexOf('/', StringComparison.Ordinal);
        if (firstSlash > 0)
        {
            // Docker's rule: a first component with a dot or a colon, or "localhost", is a registry host.
            var first = text[..firstSlash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
                text = text[(firstSlash + 1)..];
        }

        var colon = text.LastIndexOf(':');
        var repository = colon > text.LastIndexOf('/') && colon >= 0 ? text[..colon] : text;
        var tag = colon > text.LastIndexOf('/') && colon >= 0 ? text[(colon + 1)..] : "latest";
        if (!RepositoryPattern().IsMatch(repository))
            throw ServiceException.Invalid($"image '{reference}': '{repository}' is not a valid repository name (lower-case letters, digits, '.', '_', '-' and '/')");
        if (!TagPattern().IsMatch(tag))
            throw ServiceException.Invalid($"image '{reference}': '{tag}' is not a valid tag (letters, digits, '_', '.', '-'; at most 128)");
        return new ImageReference(repository, tag);
    }

    [GeneratedRegex("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();
}
